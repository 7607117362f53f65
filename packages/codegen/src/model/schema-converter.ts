import { localRefTokens, pointerTo, valueAt } from "../openapi/json-pointer.ts";
import type { Constraints, JsonValue, ObjectType, Property, TypeRef } from "./api-model.ts";
import { splitWords } from "./names.ts";
import { UnsupportedConstructError } from "../openapi/unsupported-construct-error.ts";

/** A schema object as parsed JSON. */
export type Schema = Record<string, unknown>;

const componentSchemaPrefix = "#/components/schemas/";
const primitiveTypes = new Set(["string", "integer", "number", "boolean"]);

/** Keywords that describe a value's type; a schema with none of them only annotates. */
const typeKeywords = ["$ref", "type", "enum", "const", "properties", "additionalProperties", "items", "allOf", "oneOf", "anyOf"] as const;

function isSchemaObject(value: unknown): value is Schema {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function hasTypeInformation(schema: Schema): boolean {
  return typeKeywords.some((keyword) => schema[keyword] !== undefined);
}

/** Whether a schema admits null, in any of the 3.0 and 3.1 spellings. */
export function isNullableSchema(schema: Schema): boolean {
  if (schema.nullable === true || schema.const === null) return true;
  if (Array.isArray(schema.type) && schema.type.includes("null")) return true;
  if (Array.isArray(schema.enum) && schema.enum.includes(null)) return true;
  const variants = [schema.oneOf, schema.anyOf].flatMap((list) => (Array.isArray(list) ? list : []));
  return variants.some((variant) => isSchemaObject(variant) && variant.type === "null");
}

function withNullable<T extends TypeRef>(type: T, nullable: boolean): T {
  return nullable ? { ...type, nullable: true } : type;
}

const constraintKeywords = [
  "minLength",
  "maxLength",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "minItems",
  "maxItems",
] as const satisfies readonly (keyof Constraints)[];

/**
 * The validation keywords of a schema that a reader of the API (docs, SDK
 * argument checks) can use. OpenAPI 3.0's boolean `exclusiveMinimum` turns
 * `minimum` into an exclusive bound, as 3.1's number form says directly.
 */
function constraintsOf(schema: Schema): { constraints?: Constraints } {
  const constraints: Constraints = {};
  for (const keyword of constraintKeywords) {
    if (typeof schema[keyword] === "number") constraints[keyword] = schema[keyword] as number;
  }
  for (const [flag, bound] of [
    ["exclusiveMinimum", "minimum"],
    ["exclusiveMaximum", "maximum"],
  ] as const) {
    if (schema[flag] === true && typeof schema[bound] === "number") {
      constraints[flag] = schema[bound] as number;
      delete constraints[bound];
    }
  }
  if (typeof schema.pattern === "string") constraints.pattern = schema.pattern;
  return Object.keys(constraints).length > 0 ? { constraints } : {};
}

/** A schema's `default`, when it is a JSON value. */
export function defaultOf(schema: unknown): { default?: JsonValue } {
  return isSchemaObject(schema) && schema.default !== undefined ? { default: schema.default as JsonValue } : {};
}

function docOf(schema: Schema): { doc?: string } {
  const doc = typeof schema.description === "string" ? schema.description : typeof schema.title === "string" ? schema.title : undefined;
  return doc ? { doc } : {};
}

/**
 * Converts JSON Schema (OpenAPI 3.0 and 3.1 dialects) into the model's type
 * references. Component schemas become references by id; everything else is
 * converted inline. Anything it cannot represent faithfully is an
 * UnsupportedConstructError naming the JSON pointer.
 */
export class SchemaConverter {
  readonly #document: Schema;
  readonly #inlineRefsInProgress = new Set<string>();

  constructor(document: Schema) {
    this.#document = document;
  }

  /** The component schemas, by id. */
  get componentSchemas(): Readonly<Record<string, unknown>> {
    const schemas = valueAt(this.#document, ["components", "schemas"]);
    return isSchemaObject(schemas) ? schemas : {};
  }

  /** Follows a local `$ref`, failing with the pointer of the reference when it cannot. */
  resolveRef(ref: unknown, pointer: string): { value: unknown; pointer: string } {
    const tokens = typeof ref === "string" ? localRefTokens(ref) : undefined;
    if (!tokens) {
      throw new UnsupportedConstructError(pointer, `only local references (#/...) are supported, got ${JSON.stringify(ref)}`);
    }
    const value = valueAt(this.#document, tokens);
    if (value === undefined) throw new UnsupportedConstructError(pointer, `the reference ${ref} points at nothing`);
    return { value, pointer: pointerTo("#", ...tokens) };
  }

  /** Converts the schema found at `pointer`. */
  convert(schema: unknown, pointer: string): TypeRef {
    if (schema === undefined || schema === true) return { kind: "unknown" };
    if (!isSchemaObject(schema)) {
      throw new UnsupportedConstructError(pointer, "a schema that forbids every value, or is not an object, cannot be typed");
    }
    if ("$ref" in schema) return this.#convertRef(schema, pointer);
    if ("not" in schema) throw new UnsupportedConstructError(pointerTo(pointer, "not"), "`not` schemas are not supported");
    const nullable = isNullableSchema(schema);

    if ("const" in schema && schema.const !== null) {
      return withNullable({ kind: "literal", values: [literalValue(schema.const, pointerTo(pointer, "const"))] }, nullable);
    }
    if (Array.isArray(schema.enum)) {
      const values = schema.enum.filter((value) => value !== null).map((value, index) => literalValue(value, pointerTo(pointer, "enum", index)));
      return withNullable(values.length > 0 ? { kind: "literal", values } : { kind: "unknown" }, nullable);
    }
    if (Array.isArray(schema.allOf)) return withNullable(this.#convertAllOf(schema, pointer), nullable);
    const alternatives = Array.isArray(schema.oneOf) ? "oneOf" : Array.isArray(schema.anyOf) ? "anyOf" : undefined;
    if (alternatives && !this.#onlyConstrains(schema[alternatives] as unknown[])) {
      return withNullable(this.#convertUnion(schema, alternatives, pointer), nullable);
    }

    const types = (Array.isArray(schema.type) ? schema.type : [schema.type]).filter((type) => type !== "null" && type !== undefined);
    if (types.length > 1) {
      const variants = types.map((type) => this.convert({ ...schema, type, nullable: false }, pointer));
      return withNullable({ kind: "union", variants }, nullable);
    }
    const [type] = types;
    if (type === "array" || (type === undefined && "items" in schema)) {
      if ("prefixItems" in schema) throw new UnsupportedConstructError(pointerTo(pointer, "prefixItems"), "tuple schemas are not supported");
      return withNullable({ kind: "array", items: this.convert(schema.items, pointerTo(pointer, "items")), ...constraintsOf(schema) }, nullable);
    }
    if (type === "object" || (type === undefined && ("properties" in schema || "additionalProperties" in schema))) {
      return withNullable(this.convertObject(schema, pointer), nullable);
    }
    if (typeof type === "string" && primitiveTypes.has(type)) {
      const format = typeof schema.format === "string" ? { format: schema.format } : {};
      return withNullable({ kind: "primitive", type: type as "string" | "integer" | "number" | "boolean", ...format, ...constraintsOf(schema) }, nullable);
    }
    if (type !== undefined) throw new UnsupportedConstructError(pointerTo(pointer, "type"), `unknown type ${JSON.stringify(type)}`);
    return withNullable({ kind: "unknown" }, nullable);
  }

  /**
   * Converts an object schema. A schema with no declared properties becomes a map
   * (of its additionalProperties type, or of anything).
   */
  convertObject(schema: Schema, pointer: string): ObjectType | TypeRef {
    const properties = this.#propertiesOf(schema, pointer);
    const extra = this.#additionalPropertiesOf(schema, pointer);
    if (properties.length === 0) return { kind: "map", values: extra ?? { kind: "unknown" } };
    return { kind: "object", properties, ...(extra ? { additionalProperties: extra } : {}) };
  }

  #propertiesOf(schema: Schema, pointer: string): Property[] {
    const declared = isSchemaObject(schema.properties) ? schema.properties : {};
    const required = new Set(Array.isArray(schema.required) ? schema.required : []);
    return Object.entries(declared).map(([wireName, property]) => {
      const propertyPointer = pointerTo(pointer, "properties", wireName);
      const flags = isSchemaObject(property) ? property : {};
      return {
        name: splitWords(wireName),
        wireName,
        type: this.convert(property, propertyPointer),
        required: required.has(wireName),
        ...defaultOf(flags),
        ...docOf(flags),
        ...(flags.deprecated === true ? { deprecated: true as const } : {}),
        ...(flags.readOnly === true ? { readOnly: true as const } : {}),
        ...(flags.writeOnly === true ? { writeOnly: true as const } : {}),
      };
    });
  }

  #additionalPropertiesOf(schema: Schema, pointer: string): TypeRef | undefined {
    const extra = schema.additionalProperties;
    if (extra === undefined || extra === false) return undefined;
    if (extra === true) return { kind: "unknown" };
    return this.convert(extra, pointerTo(pointer, "additionalProperties"));
  }

  #convertRef(schema: Schema, pointer: string): TypeRef {
    const ref = schema.$ref;
    const outerNullable = isNullableSchema(schema);
    if (typeof ref === "string" && ref.startsWith(componentSchemaPrefix)) {
      const id = localRefTokens(ref)?.slice(2).join("/") ?? "";
      const target = this.componentSchemas[id];
      if (target === undefined) throw new UnsupportedConstructError(pointer, `the reference ${ref} points at nothing`);
      // A reference to a nullable component admits null wherever it is used.
      const targetNullable = isSchemaObject(target) && isNullableSchema(target);
      return withNullable({ kind: "ref", id }, outerNullable || targetNullable);
    }
    const target = this.resolveRef(ref, pointer);
    if (this.#inlineRefsInProgress.has(target.pointer)) {
      throw new UnsupportedConstructError(pointer, `a cycle through ${target.pointer}, which is not a component schema`);
    }
    this.#inlineRefsInProgress.add(target.pointer);
    try {
      return withNullable(this.convert(target.value, target.pointer), outerNullable);
    } finally {
      this.#inlineRefsInProgress.delete(target.pointer);
    }
  }

  /** `allOf` of object schemas merges their properties; anything else is not representable. */
  #convertAllOf(schema: Schema, pointer: string): TypeRef {
    const { allOf, ...rest } = schema;
    const parts = (allOf as unknown[]).map((part, index) => ({ part, pointer: pointerTo(pointer, "allOf", index) }));
    if (hasTypeInformation(rest)) parts.push({ part: rest, pointer });
    const typed = parts.filter(({ part }) => !isSchemaObject(part) || hasTypeInformation(part));
    if (typed.length === 1 && typed[0]) {
      return this.convert(typed[0].part, typed[0].pointer);
    }
    return this.#samePrimitive(typed) ?? this.#mergeObjects(typed, pointer);
  }

  /** One object type with the properties of every part; a later part's property overrides an earlier one's. */
  #mergeObjects(parts: readonly { part: unknown; pointer: string }[], pointer: string): TypeRef {
    return this.convertObject({ type: "object", ...this.#mergedSchema(parts) }, pointer);
  }

  /**
   * The properties, required names and additional properties of object
   * schemas, merged in order: the one merge behind every `allOf`, nested ones
   * included, so no keyword is kept by one path and dropped by another.
   */
  #mergedSchema(parts: readonly { part: unknown; pointer: string }[]): Schema {
    const merged: Schema = { properties: {}, required: [] };
    for (const { part, pointer } of parts) {
      const objectSchema = this.#objectSchemaOf(part, pointer);
      Object.assign(merged.properties as Schema, objectSchema.properties ?? {});
      (merged.required as unknown[]).push(...(Array.isArray(objectSchema.required) ? objectSchema.required : []));
      if (objectSchema.additionalProperties !== undefined) merged.additionalProperties = objectSchema.additionalProperties;
    }
    return merged;
  }

  /** Parts that all convert to the same scalar type (`string` and `string` with a minLength) merge into it. */
  #samePrimitive(parts: readonly { part: unknown; pointer: string }[]): TypeRef | undefined {
    const types = parts.map(({ part, pointer }) => (isSchemaObject(part) && isObjectSchema(part) ? undefined : this.convert(part, pointer)));
    const [first] = types;
    if (first?.kind !== "primitive") return undefined;
    return types.every((type) => type?.kind === "primitive" && type.type === first.type) ? first : undefined;
  }

  /** The object schema a part of an allOf stands for, with its own allOf merged. */
  #objectSchemaOf(part: unknown, pointer: string): Schema {
    let schema = part;
    let at = pointer;
    while (isSchemaObject(schema) && typeof schema.$ref === "string") {
      const target = this.resolveRef(schema.$ref, at);
      schema = target.value;
      at = target.pointer;
    }
    if (!isSchemaObject(schema) || !isObjectSchema(schema)) {
      throw new UnsupportedConstructError(at, "allOf can only combine object schemas");
    }
    if (!Array.isArray(schema.allOf)) return schema;
    const { allOf, ...rest } = schema;
    const inner = (allOf as unknown[])
      .map((part, index) => ({ part, pointer: pointerTo(at, "allOf", index) }))
      .filter(({ part }) => !isSchemaObject(part) || hasTypeInformation(part));
    // The schema's own keywords first, then its allOf parts, as one merge.
    return this.#mergedSchema([{ part: { type: "object", ...rest }, pointer: at }, ...inner]);
  }

  /** Alternatives that only add `required` constraints do not change the type. */
  #onlyConstrains(alternatives: unknown[]): boolean {
    return alternatives.every((alternative) => isSchemaObject(alternative) && !hasTypeInformation(alternative));
  }

  #convertUnion(schema: Schema, keyword: "oneOf" | "anyOf", pointer: string): TypeRef {
    const declared = schema[keyword] as unknown[];
    const alternatives = declared
      .map((variant, index) => ({ variant, pointer: pointerTo(pointer, keyword, index) }))
      .filter(({ variant }) => !(isSchemaObject(variant) && variant.type === "null"));
    // Properties beside the alternatives apply to each of them: base & (A | B) is (base & A) | (base & B).
    const { oneOf: _oneOf, anyOf: _anyOf, discriminator: _discriminator, nullable: _nullable, ...base } = schema;
    const shared = "properties" in schema ? { part: base, pointer } : undefined;
    const variants = alternatives.map(({ variant, pointer: variantPointer }) =>
      shared ? this.#mergeObjects([shared, { part: variant, pointer: variantPointer }], variantPointer) : this.convert(variant, variantPointer),
    );
    if (variants.length === 1 && variants[0]) return variants[0];
    const discriminator = this.#discriminatorOf(schema, declared, pointer);
    return { kind: "union", variants, ...(discriminator ? { discriminator } : {}) };
  }

  #discriminatorOf(schema: Schema, variants: unknown[], pointer: string): { property: string; mapping: Record<string, string> } | undefined {
    const discriminator = schema.discriminator;
    if (!isSchemaObject(discriminator) || typeof discriminator.propertyName !== "string") return undefined;
    const mapping: Record<string, string> = {};
    const declared = isSchemaObject(discriminator.mapping) ? discriminator.mapping : {};
    for (const [value, ref] of Object.entries(declared)) {
      const id = typeof ref === "string" && ref.startsWith(componentSchemaPrefix) ? ref.slice(componentSchemaPrefix.length) : ref;
      if (typeof id !== "string" || this.componentSchemas[id] === undefined) {
        throw new UnsupportedConstructError(pointerTo(pointer, "discriminator", "mapping", value), `unknown schema ${JSON.stringify(ref)}`);
      }
      mapping[value] = id;
    }
    if (Object.keys(declared).length === 0) {
      for (const variant of variants) {
        if (isSchemaObject(variant) && typeof variant.$ref === "string" && variant.$ref.startsWith(componentSchemaPrefix)) {
          const id = variant.$ref.slice(componentSchemaPrefix.length);
          mapping[id] = id;
        }
      }
    }
    return { property: discriminator.propertyName, mapping };
  }
}

function literalValue(value: unknown, pointer: string): string | number | boolean {
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  throw new UnsupportedConstructError(pointer, "only string, number and boolean literals are supported");
}

/** Whether a schema is a named enum: an `enum` over one scalar type. */
export function isEnumSchema(schema: Schema): boolean {
  const types = (Array.isArray(schema.type) ? schema.type : [schema.type]).filter((type) => type !== "null");
  return Array.isArray(schema.enum) && types.length === 1 && (types[0] === "string" || types[0] === "integer" || types[0] === "number");
}

/** Whether a schema describes an object (so an allOf may merge it). */
function isObjectSchema(schema: Schema): boolean {
  if ("oneOf" in schema || "anyOf" in schema || "enum" in schema) return false;
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  return "properties" in schema || types.includes("object") || Array.isArray(schema.allOf);
}
