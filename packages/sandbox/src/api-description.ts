// The shape of src/generated/api.ts: the facts of the API the server is built
// from. scripts/generate.ts derives them from @expys/codegen's language-neutral
// model (operations, credentials, the error-code table), so the sandbox reads the
// spec the way the SDKs do, and adds the JSON schemas request validation needs.
import type { ErrorCode, OperationId } from "./api-types.ts";

/** A JSON Schema object from the document (OpenAPI 3.0 dialect). */
export type JsonSchema = Record<string, unknown>;

/** Where a parameter travels. Cookies are unused by the API. */
export type ParameterLocation = "path" | "query" | "header";

/** One parameter of an operation, with the schema it is validated against. */
export interface ParameterSpec {
  name: string;
  in: ParameterLocation;
  required: boolean;
  schema: JsonSchema;
}

/** Which credential an operation takes: a header holding the organisation's key, or a bearer token. */
export type CredentialSpec = { kind: "apiKey"; header: string } | { kind: "bearer" };

/** One operation of the API, in the form the server uses. */
export interface OperationSpec {
  id: OperationId;
  /** Upper case, as `IncomingMessage.method` has it. */
  method: string;
  /** The path template, such as `/v1/conversations/{id}/messages`. */
  path: string;
  parameters: readonly ParameterSpec[];
  /** `$ref` of the JSON request body's schema; `undefined` when the operation takes no body. */
  bodySchemaRef?: string | undefined;
  bodyRequired: boolean;
  credential: CredentialSpec;
  /** The header carrying the idempotency key, for writes that take one. */
  idempotencyHeader?: string | undefined;
  /** Whether the operation answers with an event stream. */
  streaming: boolean;
}

/** Status and retryability of an error code. */
export interface ErrorCodeSpec {
  code: ErrorCode;
  status: number;
  retryable: boolean;
}

/** Everything the server needs to know about the API. */
export interface ApiDescription {
  operations: readonly OperationSpec[];
  errorCodes: readonly ErrorCodeSpec[];
  /** The document's component schemas, which request bodies and parameters refer to. */
  schemas: Readonly<Record<string, JsonSchema>>;
}
