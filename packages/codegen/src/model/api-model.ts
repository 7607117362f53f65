/**
 * The language-neutral model every emitter reads. Plain data (JSON-serialisable,
 * no classes, no functions), so it can be snapshot-tested and so emitters for
 * other languages depend on nothing but this file.
 *
 * Names are stored as words with their original spelling (`externalUserID` is
 * `["external", "User", "ID"]`); each emitter applies its own casing, reserved
 * words and escaping. Wire names (JSON keys, query and header names) are kept
 * verbatim beside them.
 */

/** An identifier split into words, each in the spelling the document used. */
export type Name = readonly string[];

/** A JSON value, as a schema's `default` or `const` may hold. */
export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** What a value must satisfy beyond its type, as the schema states it (JSON Schema validation keywords). */
export interface Constraints {
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  /** The bounds exclude the value itself. */
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
}

/** A scalar type as JSON carries it; `format` refines it (`int64`, `date-time`, `binary`...). */
export interface PrimitiveType {
  kind: "primitive";
  type: "string" | "integer" | "number" | "boolean";
  format?: string;
  constraints?: Constraints;
  nullable?: true;
}

/** A reference to a named type of the model, by its id. */
export interface NamedTypeRef {
  kind: "ref";
  id: string;
  nullable?: true;
}

/** A list. */
export interface ArrayType {
  kind: "array";
  items: TypeRef;
  constraints?: Constraints;
  nullable?: true;
}

/** A string-keyed dictionary. */
export interface MapType {
  kind: "map";
  values: TypeRef;
  nullable?: true;
}

/** A closed set of literal values (an inline enum or a `const`). */
export interface LiteralType {
  kind: "literal";
  values: readonly (string | number | boolean)[];
  nullable?: true;
}

/** An anonymous object type. */
export interface ObjectType {
  kind: "object";
  properties: readonly Property[];
  /** The type of properties beyond the declared ones; `undefined` when none are allowed or said. */
  additionalProperties?: TypeRef;
  nullable?: true;
}

/** One of several types. `discriminator` names the property that tells them apart. */
export interface UnionType {
  kind: "union";
  variants: readonly TypeRef[];
  discriminator?: { property: string; mapping: Readonly<Record<string, string>> };
  nullable?: true;
}

/** Any JSON value; the document said nothing more specific. */
export interface UnknownType {
  kind: "unknown";
  nullable?: true;
}

/** A use of a type. `nullable` is about the value; optionality belongs to the property or parameter. */
export type TypeRef = PrimitiveType | NamedTypeRef | ArrayType | MapType | LiteralType | ObjectType | UnionType | UnknownType;

/** A property of an object type. */
export interface Property {
  name: Name;
  wireName: string;
  type: TypeRef;
  /** Whether the property must be present. Independent of `type.nullable`. */
  required: boolean;
  /** The value the server assumes when the property is absent (`default`). */
  default?: JsonValue;
  doc?: string;
  deprecated?: true;
  readOnly?: true;
  writeOnly?: true;
}

/** A type declared once and referred to by id. */
export type NamedType =
  | { kind: "object"; id: string; name: Name; doc?: string; deprecated?: true; type: ObjectType }
  | { kind: "enum"; id: string; name: Name; doc?: string; deprecated?: true; base: "string" | "integer" | "number"; members: readonly EnumMember[] }
  | { kind: "alias"; id: string; name: Name; doc?: string; deprecated?: true; type: TypeRef };

/** A member of a named enum. */
export interface EnumMember {
  name: Name;
  value: string | number;
  doc?: string;
}

/** Where an operation parameter travels. */
export type ParameterLocation = "path" | "query" | "header" | "cookie";

/** An operation parameter. */
export interface Parameter {
  name: Name;
  wireName: string;
  location: ParameterLocation;
  required: boolean;
  type: TypeRef;
  /** The value the server assumes when the parameter is absent (`schema.default`). */
  default?: JsonValue;
  doc?: string;
  deprecated?: true;
  /** How a query array or object is spelled on the wire (OpenAPI `style`/`explode`). */
  style: "simple" | "form" | "spaceDelimited" | "pipeDelimited" | "deepObject";
  explode: boolean;
}

/** How a request or response body is encoded. */
export type BodyEncoding = "json" | "text" | "binary" | "form" | "multipart";

/** A request body. */
export interface RequestBody {
  contentType: string;
  encoding: BodyEncoding;
  type: TypeRef;
  required: boolean;
  doc?: string;
  /** Wire names of body fields that SDKs take as positional arguments (`x-expys-sdk.positional`). */
  positional: readonly string[];
}

/** A response header. */
export interface ResponseHeader {
  wireName: string;
  name: Name;
  type: TypeRef;
  required: boolean;
  doc?: string;
}

/** One declared response. `status` is a code, a range such as `"4XX"`, or `"default"`. */
export interface Response {
  status: string;
  doc?: string;
  /** Absent when the response has no body. */
  body?: { contentType: string; encoding: BodyEncoding; type: TypeRef };
  headers: readonly ResponseHeader[];
}

/** Cursor pagination roles (`x-expys-pagination`). Fields are paths into the response body. */
export interface Pagination {
  style: "cursor";
  cursorParam: string;
  pageSizeParam?: string;
  itemsField: readonly string[];
  nextCursorField: readonly string[];
}

/** One event type of a stream. */
export interface StreamEvent {
  event: string;
  encoding: "json" | "text";
  type: TypeRef;
  terminal: boolean;
  doc?: string;
}

/** A streaming response (`x-expys-stream`, or a bare `text/event-stream`). */
export interface Stream {
  protocol: "sse";
  /** Empty when the document does not say what the events are. */
  events: readonly StreamEvent[];
  /** The request header that resumes the stream, when the operation declares one. */
  resumeHeader?: string;
  /** The longest the server stays silent on an open stream, in seconds (`x-expys-stream.heartbeatSeconds`). */
  heartbeatSeconds?: number;
}

/** One operation. */
export interface Operation {
  id: string;
  /** The SDK method name: `x-expys-sdk.method`, else the operationId, else method and path. */
  name: Name;
  method: "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace";
  path: string;
  summary?: string;
  doc?: string;
  deprecated?: true;
  /** A server of this operation's own (variables at their defaults), overriding the client's base URL. */
  server?: string;
  tags: readonly string[];
  parameters: readonly Parameter[];
  requestBody?: RequestBody;
  responses: readonly Response[];
  /** Alternatives, each a set of scheme ids that must all be satisfied; `[]` means no auth. */
  security: readonly (readonly string[])[];
  pagination?: Pagination;
  stream?: Stream;
  /** Present when the operation is a write that takes an idempotency key in this header. */
  idempotency?: { header: string };
}

/** How a credential is presented. */
export type AuthScheme =
  | { id: string; name: Name; kind: "bearer"; doc?: string }
  | { id: string; name: Name; kind: "basic"; doc?: string }
  | { id: string; name: Name; kind: "apiKey"; location: "header" | "query" | "cookie"; wireName: string; doc?: string }
  | { id: string; name: Name; kind: "unsupported"; description: string; doc?: string };

/** A deployment of the API. URL variables are resolved to their defaults. */
export interface Environment {
  name: Name;
  url: string;
  doc?: string;
}

/**
 * How a client reacts to an error code beyond retrying: `refreshCredential`,
 * get a fresh bearer token and repeat the request; `retryInFlight`, a request
 * with the same idempotency key is still running, so wait and repeat it.
 */
export type ErrorHandling = "refreshCredential" | "retryInFlight";

/** A documented error code (`x-expys-error-codes`). */
export interface ErrorCode {
  code: string;
  status: number;
  retryable: boolean;
  handling?: ErrorHandling;
  doc?: string;
}

/** Facts about the whole API that clients act on (`x-expys-api`). */
export interface ApiConventions {
  /** The response header with the server's id for the request. */
  requestIdHeader?: string;
  /** The request header in which an SDK identifies itself as `<package>/<version>`. */
  clientHeader?: string;
}

/** The whole API. */
export interface ApiModel {
  title: string;
  version: string;
  doc?: string;
  /** SHA-256 of the input document's bytes, so generated files name the exact spec they came from. */
  sourceHash: string;
  environments: readonly Environment[];
  authSchemes: readonly AuthScheme[];
  types: readonly NamedType[];
  operations: readonly Operation[];
  errors?: { typeId?: string; codes: readonly ErrorCode[] };
  conventions: ApiConventions;
}
