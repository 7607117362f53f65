import { pointerTo } from "../openapi/json-pointer.ts";
import type { LoadedDocument } from "../openapi/load-document.ts";
import type { ApiConventions, ApiModel, ErrorCode, ErrorHandling, NamedType, Operation, TypeRef } from "./api-model.ts";
import { buildAuthSchemes } from "./auth-schemes.ts";
import { buildEnvironments } from "./environments.ts";
import { buildNamedTypes } from "./named-types.ts";
import { buildOperations } from "./operations.ts";
import { SchemaConverter, type Schema } from "./schema-converter.ts";
import { UnsupportedConstructError } from "../openapi/unsupported-construct-error.ts";

/** Reads an OpenAPI 3.x document into the language-neutral model. */
export function buildModel({ document, sourceHash }: LoadedDocument): ApiModel {
  const converter = new SchemaConverter(document);
  const info = (document.info ?? {}) as Schema;
  const authSchemes = buildAuthSchemes(converter, document);
  const types = buildNamedTypes(converter);
  const operations = buildOperations(converter, document, new Set(authSchemes.map((scheme) => scheme.id)));
  for (const operation of operations) checkPagingFields(operation, types);
  const errors = errorCodes(converter);
  return {
    title: typeof info.title === "string" ? info.title : "API",
    version: typeof info.version === "string" ? info.version : "0.0.0",
    ...(typeof info.description === "string" ? { doc: info.description } : {}),
    sourceHash,
    environments: buildEnvironments(document),
    authSchemes,
    types,
    operations,
    ...(errors ? { errors } : {}),
    conventions: conventionsOf(document),
  };
}

/** `x-expys-api`: the request-id and client-identification headers. */
function conventionsOf(document: Schema): ApiConventions {
  const api = document["x-expys-api"];
  if (api === undefined) return {};
  if (!api || typeof api !== "object" || Array.isArray(api)) throw new UnsupportedConstructError("#/x-expys-api", "must be an object");
  const conventions: ApiConventions = {};
  for (const key of ["requestIdHeader", "clientHeader"] as const) {
    const value = (api as Schema)[key];
    if (value === undefined) continue;
    if (typeof value !== "string" || !/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(value)) {
      throw new UnsupportedConstructError(pointerTo("#/x-expys-api", key), "must be an HTTP header name");
    }
    conventions[key] = value;
  }
  return conventions;
}

const handlings: readonly ErrorHandling[] = ["refreshCredential", "retryInFlight"];

/** The error-code table of `x-expys-error-codes`, and the enum schema it documents. */
function errorCodes(converter: SchemaConverter): ApiModel["errors"] {
  for (const [typeId, schema] of Object.entries(converter.componentSchemas)) {
    const table = (schema as Schema | null)?.["x-expys-error-codes"];
    if (table === undefined) continue;
    const pointer = pointerTo("#/components/schemas", typeId, "x-expys-error-codes");
    if (!Array.isArray(table)) throw new UnsupportedConstructError(pointer, "must be an array");
    const codes: ErrorCode[] = table.map((entry: Schema, index: number) => {
      if (typeof entry?.code !== "string" || typeof entry.status !== "number" || typeof entry.retryable !== "boolean") {
        throw new UnsupportedConstructError(pointerTo(pointer, index), "an error code needs code, status and retryable");
      }
      if (entry.handling !== undefined && !handlings.includes(entry.handling as ErrorHandling)) {
        throw new UnsupportedConstructError(pointerTo(pointer, index, "handling"), `must be one of ${handlings.join(", ")}`);
      }
      return {
        code: entry.code,
        status: entry.status,
        retryable: entry.retryable,
        ...(entry.handling ? { handling: entry.handling as ErrorHandling } : {}),
        ...(typeof entry.description === "string" ? { doc: entry.description } : {}),
      };
    });
    return { typeId, codes };
  }
  return undefined;
}

/** The items and next-cursor fields named by x-expys-pagination must exist in the success body. */
function checkPagingFields(operation: Operation, types: readonly NamedType[]): void {
  if (!operation.pagination) return;
  const success = operation.responses.find((response) => response.status.startsWith("2") && response.body);
  const pointer = pointerTo("#/paths", operation.path, operation.method, "x-expys-pagination");
  for (const key of ["itemsField", "nextCursorField"] as const) {
    const path = operation.pagination[key];
    let type: TypeRef | undefined = success?.body?.type;
    for (const field of path) {
      const object = type ? objectOf(type, types) : undefined;
      type = object?.properties.find((property) => property.wireName === field)?.type;
    }
    if (!type) throw new UnsupportedConstructError(pointerTo(pointer, key), `the success response has no field ${path.join(".")}`);
    if (key === "itemsField" && type.kind !== "array") throw new UnsupportedConstructError(pointerTo(pointer, key), `${path.join(".")} is not an array`);
  }
}

function objectOf(type: TypeRef, types: readonly NamedType[]): { properties: readonly { wireName: string; type: TypeRef }[] } | undefined {
  if (type.kind === "object") return type;
  if (type.kind !== "ref") return undefined;
  const named = types.find((candidate) => candidate.id === type.id);
  if (named?.kind === "object") return named.type;
  if (named?.kind === "alias") return objectOf(named.type, types);
  return undefined;
}
