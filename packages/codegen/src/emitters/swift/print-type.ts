import type { PlanType, PlanTypeRef } from "../../plan/sdk-plan.ts";
import { typeName } from "./swift-names.ts";

/** The plan's named types, by id. */
export type TypeIndex = ReadonlyMap<string, PlanType>;

/** A use of a type in Swift, `?` included when the value may be null. */
export function printType(ref: PlanTypeRef, types: TypeIndex): string {
  const base = printBase(ref, types);
  return ref.nullable ? `${base}?` : base;
}

/** A use of a type without its nullability: what a `decodeIfPresent` reads. */
export function printBase(ref: PlanTypeRef, types: TypeIndex): string {
  switch (ref.kind) {
    case "primitive":
      if (ref.type === "string") return ref.format === "binary" ? "Data" : "String";
      if (ref.type === "integer") return ref.format === "int64" ? "Int64" : "Int";
      return ref.type === "number" ? "Double" : "Bool";
    case "ref":
      return typeName(types.get(ref.id)!.name);
    case "array":
      return `[${printType(ref.items, types)}]`;
    case "map":
      return `[String: ${printType(ref.values, types)}]`;
    case "literal": {
      const kinds = new Set(ref.values.map((value) => typeof value));
      if (kinds.size !== 1) return "JSONValue";
      if (kinds.has("string")) return "String";
      if (kinds.has("boolean")) return "Bool";
      return ref.values.every((value) => Number.isInteger(value)) ? "Int" : "Double";
    }
    case "unknown":
      return "JSONValue";
  }
}
