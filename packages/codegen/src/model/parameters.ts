import { pointerTo } from "../openapi/json-pointer.ts";
import type { Parameter, ParameterLocation } from "./api-model.ts";
import { splitWords } from "./names.ts";
import { resolveObject } from "./resolve-object.ts";
import { defaultOf, type Schema, type SchemaConverter } from "./schema-converter.ts";
import { UnsupportedConstructError } from "../openapi/unsupported-construct-error.ts";

const locations = new Set<ParameterLocation>(["path", "query", "header", "cookie"]);

/** OpenAPI: header parameters with these names SHALL be ignored (the HTTP layer sets them). */
const ignoredHeaders = new Set(["accept", "content-type", "authorization"]);

const supportedStyles: Record<ParameterLocation, readonly Parameter["style"][]> = {
  path: ["simple"],
  query: ["form", "spaceDelimited", "pipeDelimited", "deepObject"],
  header: ["simple"],
  cookie: ["form"],
};

/**
 * The operation's parameters: path-item parameters overridden by operation
 * parameters with the same name and location, as OpenAPI specifies.
 */
export function buildParameters(
  converter: SchemaConverter,
  pathItem: { value: Schema; pointer: string },
  operation: { value: Schema; pointer: string },
): Parameter[] {
  const byKey = new Map<string, Parameter>();
  for (const source of [pathItem, operation]) {
    const list = source.value.parameters;
    if (list === undefined) continue;
    if (!Array.isArray(list)) throw new UnsupportedConstructError(pointerTo(source.pointer, "parameters"), "must be an array");
    list.forEach((entry, index) => {
      const parameter = buildParameter(converter, entry, pointerTo(source.pointer, "parameters", index));
      if (parameter) byKey.set(`${parameter.location} ${parameter.wireName.toLowerCase()}`, parameter);
    });
  }
  return [...byKey.values()];
}

function buildParameter(converter: SchemaConverter, entry: unknown, entryPointer: string): Parameter | undefined {
  const { value: parameter, pointer } = resolveObject(converter, entry, entryPointer);
  const location = parameter.in as ParameterLocation;
  if (typeof parameter.name !== "string" || !locations.has(location)) {
    throw new UnsupportedConstructError(pointer, "a parameter needs a name and `in` of path, query, header or cookie");
  }
  if (location === "header" && ignoredHeaders.has(parameter.name.toLowerCase())) return undefined;
  if ("content" in parameter) {
    throw new UnsupportedConstructError(pointerTo(pointer, "content"), "parameters serialised by media type are not supported");
  }
  const defaultStyle = location === "query" || location === "cookie" ? "form" : "simple";
  const style = (parameter.style ?? defaultStyle) as Parameter["style"];
  if (!supportedStyles[location].includes(style)) {
    throw new UnsupportedConstructError(pointerTo(pointer, "style"), `style ${JSON.stringify(style)} is not supported for ${location} parameters`);
  }
  return {
    name: splitWords(parameter.name),
    wireName: parameter.name,
    location,
    required: location === "path" || parameter.required === true,
    type: converter.convert(parameter.schema, pointerTo(pointer, "schema")),
    ...defaultOf(parameter.schema),
    ...(typeof parameter.description === "string" ? { doc: parameter.description } : {}),
    ...(parameter.deprecated === true ? { deprecated: true as const } : {}),
    style,
    explode: typeof parameter.explode === "boolean" ? parameter.explode : style === "form",
  };
}
