import type { BodyDecoder } from "./decode-body.ts";
import type { BodyEncoder } from "./encode-body.ts";
import type { QueryStyle } from "./query-styles.ts";

/**
 * What a generated method asks the runtime to send. Generated code builds these
 * from the spec; everything optional has the common default, and what only some
 * APIs need (other body encodings, query styles) is passed in as a function so
 * bundles without it do not carry it.
 */
export interface OperationRequest {
  method: string;
  /** A server of the operation's own, overriding the client's base URL (resolved against it when relative). */
  server?: string;
  /** The path template, such as `/v1/conversations/{id}/messages`. */
  path: string;
  pathParams?: Readonly<Record<string, unknown>>;
  query?: object | undefined;
  /** Non-default spellings of structured query parameters, by name. */
  queryStyles?: Readonly<Record<string, QueryStyle>>;
  headers?: Readonly<Record<string, unknown>>;
  body?: unknown;
  /** How to encode `body`; absent means JSON. */
  encodeBody?: BodyEncoder;
  /** How to read a successful answer's body; absent means JSON. */
  decodeBody?: BodyDecoder;
  /** Overrides the client's default security requirement. */
  security?: readonly (readonly string[])[];
  /** For writes that take an idempotency key: the header that carries it. */
  idempotencyHeader?: string;
  /** The caller's own idempotency key; absent, the runtime makes one per call. */
  idempotencyKey?: unknown;
}

/** A cursor-paginated operation: where the cursor goes and where the items and next cursor are. */
export interface PagedRequest extends OperationRequest {
  paging: { cursorParam: string; itemsField: readonly string[]; nextCursorField: readonly string[] };
}

/** A Server-Sent Events operation: its event types, as `[name, encoding, terminal?]`. */
export interface StreamRequest extends OperationRequest {
  events: readonly (readonly [name: string, encoding: "json" | "text", terminal?: boolean])[];
  /** The id to resume after (sent as `Last-Event-ID`, then tracked across reconnects). */
  lastEventId?: unknown;
  /** How long a silence, in ms, means the connection is dead and is resumed (from the API's heartbeat interval). */
  idleTimeout?: number;
}
