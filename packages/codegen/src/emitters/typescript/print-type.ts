import type { PlanProperty, PlanType, PlanTypeRef } from "../../plan/sdk-plan.ts";
import { docComment } from "./ts-docs.ts";
import { naming, propertyKey } from "./ts-names.ts";

/** The plan's types, for printing references to them. */
export interface PrintContext {
  types: ReadonlyMap<string, PlanType>;
  indent: string;
}

/**
 * Whether a type is printed where it is used rather than declared: an enum
 * the plan named after an inline closed set reads best in TypeScript as its
 * literal union (`"open" | "closed"`), the way the document wrote it.
 */
export function printsInline(type: PlanType): type is Extract<PlanType, { kind: "enum" }> {
  return type.kind === "enum" && type.origin.kind === "inline";
}

/** A TypeScript type expression for `type`. */
export function printType(type: PlanTypeRef, context: PrintContext): string {
  const base = printBase(type, context);
  return type.nullable ? `${base} | null` : base;
}

/** The literal union of an enum's values. */
export function enumValues(type: Extract<PlanType, { kind: "enum" }>): string {
  return type.members.map((member) => JSON.stringify(member.value)).join(" | ") || "never";
}

function printBase(type: PlanTypeRef, context: PrintContext): string {
  switch (type.kind) {
    case "primitive":
      if (type.type === "string") return type.format === "binary" ? "Blob" : "string";
      return type.type === "boolean" ? "boolean" : "number";
    case "ref": {
      const named = context.types.get(type.id);
      if (!named) throw new Error(`no named type ${type.id}`);
      return printsInline(named) ? enumValues(named) : naming.type(named.name);
    }
    case "array": {
      const items = printType(type.items, context);
      return items.includes(" | ") ? `(${items})[]` : `${items}[]`;
    }
    case "map":
      return `Record<string, ${printType(type.values, context)}>`;
    case "literal":
      return type.values.map((value) => JSON.stringify(value)).join(" | ");
    case "unknown":
      return "unknown";
  }
}

/** An object type literal, one member per line, each with its doc comment. */
export function printObject(properties: readonly PlanProperty[], additional: boolean, context: PrintContext): string {
  const inner = `${context.indent}  `;
  const members = properties.map((property) => printProperty(property, { ...context, indent: inner }));
  // Declared properties must fit an index signature, so extra keys are typed loosely.
  if (additional) members.push(`${inner}[key: string]: unknown;\n`);
  return `{\n${members.join("")}${context.indent}}`;
}

function printProperty(property: PlanProperty, context: PrintContext): string {
  const doc = docComment(context.indent, property.doc, property.deprecated ? "@deprecated" : undefined);
  const optional = property.required ? "" : "?";
  const type = printType(property.type, context);
  return `${doc}${context.indent}${propertyKey(property.wireName)}${optional}: ${type}${property.required ? "" : " | undefined"};\n`;
}
