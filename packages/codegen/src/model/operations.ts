import { pointerTo } from "../openapi/json-pointer.ts";
import type { Operation, Parameter, Response, Stream } from "./api-model.ts";
import { buildRequestBody, buildResponses } from "./bodies.ts";
import { readIdempotency, readPagination, readSdkHints, readStream } from "./expys-extensions.ts";
import { splitWords } from "./names.ts";
import { resolveServerUrl } from "./environments.ts";
import { buildParameters } from "./parameters.ts";
import { resolveObject } from "./resolve-object.ts";
import type { Schema, SchemaConverter } from "./schema-converter.ts";
import { UnsupportedConstructError } from "../openapi/unsupported-construct-error.ts";

const methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

/** Every operation of the document's `paths`, in document order. */
export function buildOperations(converter: SchemaConverter, document: Schema, schemeIds: ReadonlySet<string>): Operation[] {
  const paths = (document.paths ?? {}) as Schema;
  const operations: Operation[] = [];
  for (const [path, entry] of Object.entries(paths)) {
    const pathItem = resolveObject(converter, entry, pointerTo("#/paths", path));
    for (const method of methods) {
      if (pathItem.value[method] === undefined) continue;
      const operationPointer = pointerTo(pathItem.pointer, method);
      const operation = { value: pathItem.value[method] as Schema, pointer: operationPointer };
      operations.push(buildOperation(converter, document, schemeIds, { path, method, pathItem, operation }));
    }
  }
  return operations;
}

interface OperationSource {
  path: string;
  method: (typeof methods)[number];
  pathItem: { value: Schema; pointer: string };
  operation: { value: Schema; pointer: string };
}

function buildOperation(converter: SchemaConverter, document: Schema, schemeIds: ReadonlySet<string>, source: OperationSource): Operation {
  const { value: operation, pointer } = source.operation;
  const server = serverOf(operation, pointer) ?? serverOf(source.pathItem.value, source.pathItem.pointer);
  const hints = readSdkHints(operation, pointer);
  const parameters = buildParameters(converter, source.pathItem, source.operation);
  checkPathParameters(source.path, parameters, pointer);
  const requestBody = buildRequestBody(converter, operation, pointer, hints.positional);
  const responses = buildResponses(converter, operation, pointer);
  const id = typeof operation.operationId === "string" ? operation.operationId : `${source.method} ${source.path}`;
  const pagination = readPagination(operation, pointer);
  if (pagination) checkPagingParameters(pagination.cursorParam, pagination.pageSizeParam, parameters, pointer);
  const idempotency = readIdempotency(operation, pointer);
  if (
    idempotency &&
    !parameters.some((parameter) => parameter.location === "header" && parameter.wireName.toLowerCase() === idempotency.header.toLowerCase())
  ) {
    throw new UnsupportedConstructError(pointerTo(pointer, "x-expys-idempotency", "header"), `no header parameter named ${idempotency.header}`);
  }
  const stream = streamOf(converter, operation, pointer, responses, parameters);
  return {
    id,
    name: splitWords(hints.method ?? id),
    method: source.method,
    path: source.path,
    ...(typeof operation.summary === "string" ? { summary: operation.summary } : {}),
    ...(typeof operation.description === "string" ? { doc: operation.description } : {}),
    ...(operation.deprecated === true ? { deprecated: true as const } : {}),
    ...(server ? { server } : {}),
    tags: Array.isArray(operation.tags) ? operation.tags.filter((tag): tag is string => typeof tag === "string") : [],
    parameters,
    ...(requestBody ? { requestBody } : {}),
    responses,
    security: securityOf(operation.security ?? document.security, schemeIds, pointer),
    ...(pagination ? { pagination } : {}),
    ...(stream ? { stream } : {}),
    ...(idempotency ? { idempotency } : {}),
  };
}

/** The first of a path item's or operation's own servers, which override the document's. */
function serverOf(owner: Schema, pointer: string): string | undefined {
  if (!Array.isArray(owner.servers) || owner.servers.length === 0) return undefined;
  return resolveServerUrl(owner.servers[0], pointerTo(pointer, "servers", 0));
}

function checkPathParameters(path: string, parameters: readonly Parameter[], pointer: string): void {
  for (const [, name] of path.matchAll(/\{([^}]+)\}/g)) {
    if (!parameters.some((parameter) => parameter.location === "path" && parameter.wireName === name)) {
      throw new UnsupportedConstructError(pointer, `the path template names {${name}} but no path parameter declares it`);
    }
  }
}

function checkPagingParameters(cursor: string, pageSize: string | undefined, parameters: readonly Parameter[], pointer: string): void {
  for (const [key, wireName] of [
    ["cursorParam", cursor],
    ["pageSizeParam", pageSize],
  ] as const) {
    if (wireName !== undefined && !parameters.some((parameter) => parameter.location === "query" && parameter.wireName === wireName)) {
      throw new UnsupportedConstructError(pointerTo(pointer, "x-expys-pagination", key), `no query parameter named ${wireName}`);
    }
  }
}

function streamOf(
  converter: SchemaConverter,
  operation: Schema,
  pointer: string,
  responses: readonly Response[],
  parameters: readonly Parameter[],
): Stream | undefined {
  const declared = readStream(operation, pointer);
  const streams = responses.some((response) => response.body?.contentType.split(";")[0]?.trim() === "text/event-stream");
  if (!declared && !streams) return undefined;
  if (declared && !streams) {
    throw new UnsupportedConstructError(pointerTo(pointer, "x-expys-stream"), "no response of the operation is text/event-stream");
  }
  const resume = parameters.find((parameter) => parameter.location === "header" && parameter.wireName.toLowerCase() === "last-event-id");
  return {
    protocol: "sse",
    events: (declared?.events ?? []).map((event) => {
      const json = event.contentType.split(";")[0]?.trim() === "application/json" || event.contentType.endsWith("+json");
      return {
        event: event.event,
        encoding: json ? "json" : "text",
        type: json ? converter.convert(event.schema, event.schemaPointer) : { kind: "primitive", type: "string" },
        terminal: event.terminal,
        ...(event.description ? { doc: event.description } : {}),
      };
    }),
    ...(resume ? { resumeHeader: resume.wireName } : {}),
    ...(declared?.heartbeatSeconds ? { heartbeatSeconds: declared.heartbeatSeconds } : {}),
  };
}

function securityOf(security: unknown, schemeIds: ReadonlySet<string>, pointer: string): string[][] {
  if (security === undefined) return [];
  if (!Array.isArray(security)) throw new UnsupportedConstructError(pointerTo(pointer, "security"), "must be an array");
  return security.map((requirement, index) => {
    const ids = Object.keys((requirement ?? {}) as Schema);
    for (const id of ids) {
      if (!schemeIds.has(id)) throw new UnsupportedConstructError(pointerTo(pointer, "security", index), `unknown security scheme ${JSON.stringify(id)}`);
    }
    return ids;
  });
}
