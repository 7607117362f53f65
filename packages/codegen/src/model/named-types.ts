import { pointerTo } from "../openapi/json-pointer.ts";
import type { EnumMember, NamedType } from "./api-model.ts";
import { splitWords } from "./names.ts";
import { isEnumSchema, type Schema, type SchemaConverter } from "./schema-converter.ts";
import { UnsupportedConstructError } from "../openapi/unsupported-construct-error.ts";

/** Builds a named type for every schema under `#/components/schemas`. */
export function buildNamedTypes(converter: SchemaConverter): NamedType[] {
  return Object.entries(converter.componentSchemas).map(([id, value]) => {
    const pointer = pointerTo("#/components/schemas", id);
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      return { kind: "alias", id, name: splitWords(id), type: converter.convert(value, pointer) };
    }
    const schema = value as Schema;
    const common = {
      id,
      name: splitWords(id),
      ...(typeof schema.description === "string" ? { doc: schema.description } : {}),
      ...(schema.deprecated === true ? { deprecated: true as const } : {}),
    };
    if (isEnumSchema(schema)) {
      const type = (Array.isArray(schema.type) ? schema.type.find((entry) => entry !== "null") : schema.type) as "string" | "integer" | "number";
      return { kind: "enum", ...common, base: type, members: enumMembers(schema, pointer) };
    }
    const { nullable: _nullable, ...rest } = schema;
    const type = converter.convert(Array.isArray(schema.type) ? { ...rest, type: withoutNull(schema.type) } : rest, pointer);
    return type.kind === "object" ? { kind: "object", ...common, type } : { kind: "alias", ...common, type };
  });
}

/** The schema's `type` without `"null"`: nullability of a component travels with its references. */
function withoutNull(type: unknown): unknown {
  if (!Array.isArray(type)) return type;
  const rest = type.filter((entry) => entry !== "null");
  return rest.length === 1 ? rest[0] : rest;
}

function enumMembers(schema: Schema, pointer: string): EnumMember[] {
  const docs = enumDocs(schema);
  return (schema.enum as unknown[])
    .filter((value) => value !== null)
    .map((value, index) => {
      if (typeof value !== "string" && typeof value !== "number") {
        throw new UnsupportedConstructError(pointerTo(pointer, "enum", index), "enum members must be strings or numbers");
      }
      const doc = docs.get(String(value));
      return { name: splitWords(String(value)), value, ...(doc ? { doc } : {}) };
    });
}

/**
 * Member descriptions, from `x-expys-error-codes` or the common `x-enum-descriptions`
 * (an array beside `enum`) and `x-enumDescriptions` (an object by value).
 */
function enumDocs(schema: Schema): Map<string, string> {
  const docs = new Map<string, string>();
  const codes = schema["x-expys-error-codes"];
  if (Array.isArray(codes)) {
    for (const entry of codes) {
      if (entry && typeof entry.code === "string" && typeof entry.description === "string") docs.set(entry.code, entry.description);
    }
  }
  const list = schema["x-enum-descriptions"];
  if (Array.isArray(list) && Array.isArray(schema.enum)) {
    list.forEach((doc, index) => {
      if (typeof doc === "string") docs.set(String((schema.enum as unknown[])[index]), doc);
    });
  }
  const byValue = schema["x-enumDescriptions"];
  if (byValue && typeof byValue === "object" && !Array.isArray(byValue)) {
    for (const [value, doc] of Object.entries(byValue)) if (typeof doc === "string") docs.set(value, doc);
  }
  return docs;
}
