import type { IncomingHttpHeaders } from "node:http";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import addFormatsPlugin from "ajv-formats";
import type { ApiDescription, JsonSchema, OperationSpec, ParameterLocation } from "./api-description.ts";
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
 * Validates requests against the spec's parameter and request body schemas,
 * compiled once with ajv. There are no hand-written field checks: a constraint
 * added to the spec is enforced after `npm run generate`. Request bodies are
 * closed in the spec itself (`additionalProperties: false`), so an unknown
 * field is refused exactly where the spec says so.
 */
export class RequestValidator {
  readonly #byOperation = new Map<OperationSpec, OperationValidators>();
  readonly #memberId: ValidateFunction;

  constructor(api: ApiDescription) {
    const components = { schemas: api.schemas };
    const options = { strict: false, allErrors: false } as const;
    // Query and header values arrive as strings; the parameter validator coerces them per schema.
    const parameterAjv = addFormats(new Ajv({ ...options, coerceTypes: true }));
    const bodyAjv = addFormats(new Ajv(options));
    parameterAjv.addSchema({ $id: schemaId, components });
    bodyAjv.addSchema({ $id: schemaId, components });

    let memberId: JsonSchema | undefined;
    for (const operation of api.operations) {
      const parameters: OperationValidators["parameters"] = [];
      for (const location of ["path", "query", "header"] as const) {
        const declared = operation.parameters.filter((parameter) => parameter.in === location);
        const schema: JsonSchema = {
          type: "object",
          properties: Object.fromEntries(declared.map((parameter) => [parameter.name, parameter.schema])),
          required: declared.filter((parameter) => parameter.required).map((parameter) => parameter.name),
          // Unknown query parameters are most likely a client bug (spec/README.md); other headers are normal.
          additionalProperties: location !== "query",
        };
        parameters.push([location, parameterAjv.compile(schema)]);
      }
      memberId ??= operation.parameters.find((parameter) => parameter.in === "query" && parameter.name === "externalUserID")?.schema;
      const ref = operation.bodySchemaRef;
      this.#byOperation.set(operation, {
        parameters,
        headerNames: operation.parameters.filter((parameter) => parameter.in === "header").map(({ name }) => name),
        body: ref === undefined ? undefined : bodyAjv.compile({ $ref: `${schemaId}${ref}` }),
      });
    }
    if (!memberId) throw new Error("the spec has no externalUserID parameter");
    this.#memberId = parameterAjv.compile({ type: "object", properties: { externalUserID: memberId }, required: ["externalUserID"] });
  }

  /**
   * Checks a member id given to the test controls (`mintToken`,
   * `createConversation`) by the rules of the spec's `externalUserID`, so a
   * test cannot create a member the API would refuse. Throws a `TypeError`.
   */
  checkMemberId(externalUserID: unknown, where: string): void {
    if (this.#memberId({ externalUserID })) return;
    const reason = toApiError(firstError(this.#memberId), "query").message.replace('query parameter "externalUserID"', "it");
    throw new TypeError(`${where}: externalUserID ${JSON.stringify(externalUserID)} is not a valid member id: ${reason}`);
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
