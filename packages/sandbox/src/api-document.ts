// The OpenAPI document the sandbox implements, read from its own copy in
// generated/ (next to this module in src/ and in dist/), and the facts the
// server derives from it: the operations, their parameters, body schemas and
// credentials, and the error code table.
import { readFileSync } from "node:fs";
import type { ErrorCode, OperationId } from "./api-types.ts";

/** A JSON Schema object from the document (OpenAPI 3.0 dialect). */
export type JsonSchema = Record<string, unknown>;

/** Where a parameter travels. Cookies are unused by the API. */
export type ParameterLocation = "path" | "query" | "header";

/** One parameter of an operation, with any `$ref` resolved. */
export interface ParameterSpec {
  name: string;
  in: ParameterLocation;
  required: boolean;
  schema: JsonSchema;
}

/** Which credential an operation takes. */
export type CredentialKind = "orgApiKey" | "bearer";

/** One operation of the document, in the form the server uses. */
export interface OperationSpec {
  id: OperationId;
  /** Upper case, as `IncomingMessage.method` has it. */
  method: string;
  /** The path template, such as `/v1/conversations/{id}/messages`. */
  path: string;
  parameters: ParameterSpec[];
  /** `$ref` of the JSON request body's schema, when the operation takes one. */
  bodySchemaRef: string | undefined;
  bodyRequired: boolean;
  credential: CredentialKind;
  /** The header carrying the idempotency key (`x-expys-idempotency`), for writes that take one. */
  idempotencyHeader: string | undefined;
  /** Whether the operation answers with an event stream (`x-expys-stream`). */
  streaming: boolean;
}

/** Status and retryability of an error code, from `x-expys-error-codes`. */
export interface ErrorCodeSpec {
  status: number;
  retryable: boolean;
}

interface RawParameter {
  $ref?: string;
  name?: string;
  in?: string;
  required?: boolean;
  schema?: JsonSchema;
}

interface RawOperation {
  operationId: OperationId;
  parameters?: RawParameter[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: { $ref?: string } }> };
  security?: Record<string, string[]>[];
  "x-expys-idempotency"?: { header: string };
  "x-expys-stream"?: unknown;
}

/** The parts of the OpenAPI document the sandbox reads. */
export interface ApiDocument {
  paths: Record<string, Record<string, RawOperation>>;
  security?: Record<string, string[]>[];
  components: {
    schemas: Record<string, JsonSchema>;
    parameters?: Record<string, RawParameter>;
    securitySchemes: Record<string, { type: string; in?: string; name?: string; scheme?: string }>;
  };
}

/** The OpenAPI document, parsed once per process. */
export const apiDocument: ApiDocument = JSON.parse(readFileSync(new URL("./generated/openapi.json", import.meta.url), "utf8")) as ApiDocument;

const httpMethods = new Set(["get", "put", "post", "delete", "options", "head", "patch", "trace"]);

function resolveParameter(document: ApiDocument, parameter: RawParameter): ParameterSpec {
  const resolved = parameter.$ref ? document.components.parameters?.[parameter.$ref.split("/").pop() ?? ""] : parameter;
  if (!resolved?.name || !resolved.in) throw new Error(`unresolvable parameter ${JSON.stringify(parameter)}`);
  if (resolved.in !== "path" && resolved.in !== "query" && resolved.in !== "header") {
    throw new Error(`parameter ${resolved.name} is in ${resolved.in}, which the sandbox does not support`);
  }
  return { name: resolved.name, in: resolved.in, required: resolved.required === true, schema: resolved.schema ?? {} };
}

function credentialOf(document: ApiDocument, operation: RawOperation): CredentialKind {
  const requirement = (operation.security ?? document.security)?.[0] ?? {};
  const scheme = document.components.securitySchemes[Object.keys(requirement)[0] ?? ""];
  if (scheme?.type === "apiKey" && scheme.in === "header" && scheme.name === "Org-API-Key") return "orgApiKey";
  if (scheme?.type === "http" && scheme.scheme?.toLowerCase() === "bearer") return "bearer";
  throw new Error(`operation ${operation.operationId} uses a credential the sandbox does not know`);
}

/** Every operation of the document, in document order. */
export function operationsOf(document: ApiDocument): OperationSpec[] {
  const operations: OperationSpec[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (!httpMethods.has(method)) continue;
      const body = operation.requestBody?.content?.["application/json"];
      operations.push({
        id: operation.operationId,
        method: method.toUpperCase(),
        path,
        parameters: (operation.parameters ?? []).map((parameter) => resolveParameter(document, parameter)),
        bodySchemaRef: body?.schema?.$ref,
        bodyRequired: operation.requestBody?.required === true,
        credential: credentialOf(document, operation),
        idempotencyHeader: operation["x-expys-idempotency"]?.header,
        streaming: operation["x-expys-stream"] !== undefined,
      });
    }
  }
  return operations;
}

/** The error code table, `x-expys-error-codes` on the `ErrorCode` schema. */
export function errorCodesOf(document: ApiDocument): Map<ErrorCode, ErrorCodeSpec> {
  const table = document.components.schemas.ErrorCode?.["x-expys-error-codes"];
  if (!Array.isArray(table)) throw new Error("the document has no x-expys-error-codes table");
  return new Map(
    (table as { code: ErrorCode; status: number; retryable: boolean }[]).map((entry) => [entry.code, { status: entry.status, retryable: entry.retryable }]),
  );
}
