import { resolveType } from "../../plan/queries.ts";
import type { PlanType, PlanTypeRef } from "../../plan/sdk-plan.ts";
import { naming } from "./kotlin-names.ts";

/** What printing a type needs to know: every named type, and the imports it adds. */
export interface KotlinContext {
  types: ReadonlyMap<string, PlanType>;
  imports: Set<string>;
}

const nullable = (text: string, ref: PlanTypeRef): string => (ref.nullable ? `${text}?` : text);

/** The Kotlin type of a use of a type. */
export function printType(ref: PlanTypeRef, context: KotlinContext): string {
  switch (ref.kind) {
    case "primitive":
      return nullable(primitive(ref.type, ref.format), ref);
    case "ref":
      return nullable(naming.type(named(ref.id, context).name), ref);
    case "array":
      return nullable(`List<${printType(ref.items, context)}>`, ref);
    case "map":
      return nullable(`Map<String, ${printType(ref.values, context)}>`, ref);
    case "literal":
      return nullable(literalType(ref.values), ref);
    case "unknown":
      context.imports.add("kotlinx.serialization.json.JsonElement");
      return nullable("JsonElement", ref);
  }
}

/**
 * The serializer of a use of a type, as an expression. Aliases have no
 * `serializer()` of their own, so they are followed to what they stand for.
 */
export function serializerOf(ref: PlanTypeRef, context: KotlinContext): string {
  const base = ((): string => {
    switch (ref.kind) {
      case "primitive":
        context.imports.add("kotlinx.serialization.builtins.serializer");
        return `${primitive(ref.type, ref.format)}.serializer()`;
      case "ref": {
        const type = named(ref.id, context);
        if (type.kind === "alias") return serializerOf({ ...type.type, ...(ref.nullable ? { nullable: true } : {}) }, context);
        if (printsAsJson(type)) {
          context.imports.add("kotlinx.serialization.json.JsonElement");
          return "JsonElement.serializer()";
        }
        if (type.kind === "enum" && type.base !== "string") return serializerOf({ kind: "primitive", type: type.base }, context);
        return `${naming.type(type.name)}.serializer()`;
      }
      case "array":
        context.imports.add("kotlinx.serialization.builtins.ListSerializer");
        return `ListSerializer(${serializerOf(ref.items, context)})`;
      case "map":
        context.imports.add("kotlinx.serialization.builtins.MapSerializer");
        context.imports.add("kotlinx.serialization.builtins.serializer");
        return `MapSerializer(String.serializer(), ${serializerOf(ref.values, context)})`;
      case "literal":
        context.imports.add("kotlinx.serialization.builtins.serializer");
        return `${literalType(ref.values)}.serializer()`;
      case "unknown":
        context.imports.add("kotlinx.serialization.json.JsonElement");
        return "JsonElement.serializer()";
    }
  })();
  if (!ref.nullable || base.endsWith(".nullable")) return base;
  context.imports.add("kotlinx.serialization.builtins.nullable");
  return `${base}.nullable`;
}

/** Unions are carried as JSON: a sealed hierarchy with a content-based serializer is not generated yet. */
export function printsAsJson(type: PlanType): boolean {
  return type.kind === "union";
}

/** Whether a use of a type resolves to a Kotlin `String` (path and header values are sent as they are). */
export function isString(ref: PlanTypeRef, context: KotlinContext): boolean {
  const resolved = resolveType(ref, context.types);
  return resolved.kind === "primitive" && resolved.type === "string";
}

function named(id: string, context: KotlinContext): PlanType {
  const type = context.types.get(id);
  if (!type) throw new Error(`the plan has no type ${id}`);
  return type;
}

function primitive(type: "string" | "integer" | "number" | "boolean", format: string | undefined): string {
  switch (type) {
    case "string":
      return "String";
    case "integer":
      return format === "int64" ? "Long" : "Int";
    case "number":
      return format === "float" ? "Float" : "Double";
    case "boolean":
      return "Boolean";
  }
}

function literalType(values: readonly (string | number | boolean)[]): string {
  if (values.every((value) => typeof value === "string")) return "String";
  if (values.every((value) => typeof value === "boolean")) return "Boolean";
  return values.every((value) => Number.isInteger(value)) ? "Int" : "Double";
}
