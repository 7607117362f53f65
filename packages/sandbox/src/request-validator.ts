import type { IncomingHttpHeaders } from "node:http";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import addFormatsPlugin from "ajv-formats";
import type { ApiDocument, JsonSchema, OperationSpec, ParameterLocation } from "./api-document.ts";
import { ApiError } from "./api-error.ts";

// ajv-formats is CommonJS; under NodeNext its default import is the module object's type.
const addFormats = addFormatsPlugin as unknown as (ajv: Ajv) => Ajv;

/** The inputs of a request after validation, with query and header strings coerced per schema. */
export interface ValidatedInput {
  path: Record<string, unknown>;
  query: Record<string, unknown>;
  header: Record<string, unknown>;
  body: unknown;
}

/** The request as it arrived, before validation. */
export interface RawInput {
  pathParams: Record<string, string>;
  searchParams: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body, or `undefined` when the request had none. */
  body: unknown;
}

interface OperationValidators {
  parameters: [ParameterLocation, ValidateFunction][];
  headerNames: string[];
  body: ValidateFunction | undefined;
}

const schemaId = "openapi.json";

/**
 * The spec says unknown body fields are invalid, but its object schemas leave
 * `additionalProperties` open, so the copy the validators use closes them.
 */
function closeObjects(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(closeObjects);
  if (schema === null || typeof schema !== "object") return schema;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) copy[key] = key.startsWith("x-") ? value : closeObjects(value);
  if (copy.type === "object" && copy.properties && copy.additionalProperties === undefined) {
    copy.additionalProperties = false;
  }
  return copy;
}

function decodePointer(segment: string): string {
  return segment.replace(/~1/g, "/").replace(/~0/g, "~");
}

/** The first violation as an `invalid_request` naming the parameter or field by its wire name. */
function toApiError(error: ErrorObject, location: ParameterLocation | "body"): ApiError {
  const path = error.instancePath.split("/").slice(1).map(decodePointer);
  const where = location === "body" ? "field" : `${location} parameter`;
  if (error.keyword === "required" || error.keyword === "additionalProperties") {
    const name = String(error.keyword === "required" ? error.params.missingProperty : error.params.additionalProperty);
    const param = [...path, name].join(".");
    const message = error.keyword === "required" ? `${where} "${param}" is required` : `unknown ${where} "${param}"`;
    return new ApiError("invalid_request", message, { param });
  }
  const param = path.join(".");
  if (param === "") return new ApiError("invalid_request", `the request body ${error.message ?? "is invalid"}`);
  return new ApiError("invalid_request", `${where} "${param}" ${error.message ?? "is invalid"}`, { param });
}

function queryObject(searchParams: URLSearchParams): Record<string, unknown> {
  const query: Record<string, unknown> = {};
  for (const key of new Set(searchParams.keys())) {
    const values = searchParams.getAll(key);
    // A repeated parameter stays an array, which the scalar schemas then reject by name.
    query[key] = values.length === 1 ? values[0] : values;
  }
  return query;
}

/**
 * Validates requests against the document's parameter and request body
 * schemas, compiled once with ajv. There are no hand-written field checks: a
 * constraint added to the spec is enforced after `npm run generate`.
 */
export class RequestValidator {
  readonly #byOperation = new Map<OperationSpec, OperationValidators>();

  constructor(document: ApiDocument, operations: readonly OperationSpec[]) {
    const components = { schemas: closeObjects(document.components.schemas) };
    const options = { strict: false, allErrors: false } as const;
    // Query and header values arrive as strings; the parameter validator coerces them per schema.
    const parameterAjv = addFormats(new Ajv({ ...options, coerceTypes: true }));
    const bodyAjv = addFormats(new Ajv(options));
    parameterAjv.addSchema({ $id: schemaId, components });
    bodyAjv.addSchema({ $id: schemaId, components });

    for (const operation of operations) {
      const parameters: OperationValidators["parameters"] = [];
      for (const location of ["path", "query", "header"] as const) {
        const declared = operation.parameters.filter((parameter) => parameter.in === location);
        const schema: JsonSchema = {
          type: "object",
          properties: Object.fromEntries(declared.map((parameter) => [parameter.name, parameter.schema])),
          required: declared.filter((parameter) => parameter.required).map((parameter) => parameter.name),
          // Unknown query parameters are most likely a client bug; other headers are normal.
          additionalProperties: location !== "query",
        };
        parameters.push([location, parameterAjv.compile(schema)]);
      }
      const ref = operation.bodySchemaRef;
      this.#byOperation.set(operation, {
        parameters,
        headerNames: operation.parameters.filter((parameter) => parameter.in === "header").map(({ name }) => name),
        body: ref === undefined ? undefined : bodyAjv.compile({ $ref: `${schemaId}${ref}` }),
      });
    }
  }

  /** The validated input, or throws `invalid_request` for the first violation. */
  validate(operation: OperationSpec, raw: RawInput): ValidatedInput {
    const validators = this.#byOperation.get(operation);
    if (!validators) throw new Error(`no validators for ${operation.id}`);
    const header: Record<string, unknown> = {};
    for (const name of validators.headerNames) {
      const value = raw.headers[name.toLowerCase()];
      if (value !== undefined) header[name] = value;
    }
    const input: ValidatedInput = {
      path: { ...raw.pathParams },
      query: queryObject(raw.searchParams),
      header,
      body: raw.body,
    };
    for (const [location, validate] of validators.parameters) {
      if (!validate(input[location])) throw toApiError(firstError(validate), location);
    }
    if (validators.body) {
      if (raw.body === undefined) {
        if (operation.bodyRequired) throw new ApiError("invalid_request", "the request body is required");
      } else if (!validators.body(raw.body)) {
        throw toApiError(firstError(validators.body), "body");
      }
    }
    return input;
  }
}

function firstError(validate: ValidateFunction): ErrorObject {
  const error = validate.errors?.[0];
  if (!error) throw new Error("validation failed without an error");
  return error;
}
