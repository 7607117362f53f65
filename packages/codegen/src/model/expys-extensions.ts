// Readers for the x-expys-* vendor extensions (documented in spec/README.md).
// Each checks the extension's shape and reports a malformed one with its JSON
// pointer rather than generating code from a guess.
import { pointerTo } from "../openapi/json-pointer.ts";
import type { Pagination } from "./api-model.ts";
import type { Schema } from "./schema-converter.ts";
import { UnsupportedConstructError } from "../openapi/unsupported-construct-error.ts";

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((entry) => typeof entry === "string");
}

function objectAt(operation: Schema, key: string, pointer: string): Schema | undefined {
  const value = operation[key];
  if (value === undefined) return undefined;
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new UnsupportedConstructError(pointerTo(pointer, key), `${key} must be an object`);
  }
  return value as Schema;
}

/** `x-expys-sdk`: the SDK method name and the body fields taken positionally. */
export function readSdkHints(operation: Schema, pointer: string): { method?: string; positional: string[] } {
  const hints = objectAt(operation, "x-expys-sdk", pointer);
  if (!hints) return { positional: [] };
  const at = pointerTo(pointer, "x-expys-sdk");
  if (hints.method !== undefined && (typeof hints.method !== "string" || !hints.method)) {
    throw new UnsupportedConstructError(pointerTo(at, "method"), "must be a non-empty string");
  }
  if (hints.positional !== undefined && !isStringArray(hints.positional)) {
    throw new UnsupportedConstructError(pointerTo(at, "positional"), "must be an array of field names");
  }
  return {
    ...(typeof hints.method === "string" ? { method: hints.method } : {}),
    positional: (hints.positional as string[] | undefined) ?? [],
  };
}

/** `x-expys-pagination`: which parameter and fields carry the cursor and the items. */
export function readPagination(operation: Schema, pointer: string): Pagination | undefined {
  const paging = objectAt(operation, "x-expys-pagination", pointer);
  if (!paging) return undefined;
  const at = pointerTo(pointer, "x-expys-pagination");
  if (paging.style !== "cursor") {
    throw new UnsupportedConstructError(pointerTo(at, "style"), `only cursor pagination is supported, got ${JSON.stringify(paging.style)}`);
  }
  for (const key of ["cursorParam", "itemsField", "nextCursorField"]) {
    if (typeof paging[key] !== "string" || !paging[key]) throw new UnsupportedConstructError(pointerTo(at, key), "must be a non-empty string");
  }
  if (paging.pageSizeParam !== undefined && typeof paging.pageSizeParam !== "string") {
    throw new UnsupportedConstructError(pointerTo(at, "pageSizeParam"), "must be a string");
  }
  return {
    style: "cursor",
    cursorParam: paging.cursorParam as string,
    ...(typeof paging.pageSizeParam === "string" ? { pageSizeParam: paging.pageSizeParam } : {}),
    itemsField: (paging.itemsField as string).split("."),
    nextCursorField: (paging.nextCursorField as string).split("."),
  };
}

/** One declared event of `x-expys-stream`, before its schema is converted. */
export interface DeclaredStreamEvent {
  event: string;
  contentType: string;
  schema: unknown;
  schemaPointer: string;
  terminal: boolean;
  description?: string;
}

/** `x-expys-stream`: the event types of a Server-Sent Events response, and its heartbeat interval. */
export function readStream(operation: Schema, pointer: string): { events: DeclaredStreamEvent[]; heartbeatSeconds?: number } | undefined {
  const stream = objectAt(operation, "x-expys-stream", pointer);
  if (!stream) return undefined;
  const at = pointerTo(pointer, "x-expys-stream");
  if (stream.protocol !== "sse") {
    throw new UnsupportedConstructError(pointerTo(at, "protocol"), `only "sse" streams are supported, got ${JSON.stringify(stream.protocol)}`);
  }
  if (!Array.isArray(stream.events) || stream.events.length === 0) {
    throw new UnsupportedConstructError(pointerTo(at, "events"), "must list at least one event");
  }
  const heartbeat = stream.heartbeatSeconds;
  if (heartbeat !== undefined && !(Number.isInteger(heartbeat) && (heartbeat as number) > 0)) {
    throw new UnsupportedConstructError(pointerTo(at, "heartbeatSeconds"), "must be a whole number of seconds > 0");
  }
  const events = stream.events.map((entry: unknown, index: number): DeclaredStreamEvent => {
    const eventAt = pointerTo(at, "events", index);
    const event = entry as Schema;
    if (!event || typeof event.event !== "string" || typeof event.contentType !== "string") {
      throw new UnsupportedConstructError(eventAt, "an event needs string `event` and `contentType`");
    }
    return {
      event: event.event,
      contentType: event.contentType,
      schema: event.schema,
      schemaPointer: pointerTo(eventAt, "schema"),
      terminal: event.terminal === true,
      ...(typeof event.description === "string" ? { description: event.description } : {}),
    };
  });
  return { events, ...(heartbeat !== undefined ? { heartbeatSeconds: heartbeat as number } : {}) };
}

/** `x-expys-idempotency`: the header that carries the idempotency key. */
export function readIdempotency(operation: Schema, pointer: string): { header: string } | undefined {
  const idempotency = objectAt(operation, "x-expys-idempotency", pointer);
  if (!idempotency) return undefined;
  if (typeof idempotency.header !== "string" || !idempotency.header) {
    throw new UnsupportedConstructError(pointerTo(pointer, "x-expys-idempotency", "header"), "must name a header");
  }
  return { header: idempotency.header };
}
