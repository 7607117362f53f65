/** How a query array or object is spelled; absent means form with explode (`a=1&a=2`). */
export type QueryStyle = "comma" | "space" | "pipe" | "deepObject";

/**
 * What a generated method asks the runtime to send. Generated code builds these
 * from the spec; everything optional has the common default.
 */
export interface OperationRequest {
  method: string;
  /** A server of the operation's own, overriding the client's base URL (resolved against it when relative). */
  server?: string;
  /** The path template, such as `/v1/conversations/{id}/messages`. */
  path: string;
  pathParams?: Readonly<Record<string, unknown>>;
  query?: Readonly<Record<string, unknown>>;
  queryStyles?: Readonly<Record<string, QueryStyle>>;
  headers?: Readonly<Record<string, unknown>>;
  cookies?: Readonly<Record<string, unknown>>;
  body?: unknown;
  /** Absent means JSON. */
  bodyEncoding?: "text" | "binary" | "form" | "multipart";
  contentType?: string;
  /** Absent means JSON. */
  responseEncoding?: "text" | "binary" | "none";
  /** Overrides the client's default security requirement. */
  security?: readonly (readonly string[])[];
  /** For writes that take an idempotency key: the header that carries it. */
  idempotencyHeader?: string;
}

/** A cursor-paginated operation: where the cursor goes and where the items and next cursor are. */
export interface PagedRequest extends OperationRequest {
  paging: { cursorParam: string; itemsField: readonly string[]; nextCursorField: readonly string[] };
}

/** A Server-Sent Events operation: its event types, as `[name, encoding, terminal?]`. */
export interface StreamRequest extends OperationRequest {
  events: readonly (readonly [name: string, encoding: "json" | "text", terminal?: boolean])[];
  resumeHeader?: string;
}
