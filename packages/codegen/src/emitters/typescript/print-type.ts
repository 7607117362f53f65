import type { ObjectType, Property, TypeRef } from "../../model/api-model.ts";
import { docComment } from "./ts-docs.ts";
import { propertyKey } from "./ts-names.ts";

/** Where a type is used: inputs accept `undefined` for optional members (exactOptionalPropertyTypes). */
export interface PrintContext {
  /** The TypeScript name of each named type, by model id. */
  typeNames: ReadonlyMap<string, string>;
  indent: string;
}

function needsParentheses(type: TypeRef): boolean {
  return type.kind === "union" || (type.kind === "literal" && type.values.length > 1) || type.nullable === true;
}

/** A TypeScript type expression for `type`. */
export function printType(type: TypeRef, context: PrintContext): string {
  const base = printBase(type, context);
  return type.nullable ? `${base} | null` : base;
}

function printBase(type: TypeRef, context: PrintContext): string {
  switch (type.kind) {
    case "primitive":
      if (type.type === "string") return type.format === "binary" ? "Blob" : "string";
      return type.type === "boolean" ? "boolean" : "number";
    case "ref": {
      const name = context.typeNames.get(type.id);
      if (!name) throw new Error(`no named type ${type.id}`);
      return name;
    }
    case "array": {
      const items = printType(type.items, context);
      return needsParentheses(type.items) ? `(${items})[]` : `${items}[]`;
    }
    case "map":
      return `Record<string, ${printType(type.values, context)}>`;
    case "literal":
      return type.values.map((value) => JSON.stringify(value)).join(" | ");
    case "union":
      return type.variants.map((variant) => printType(variant, context)).join(" | ");
    case "object":
      return printObject(type, context);
    case "unknown":
      return "unknown";
  }
}

/** An object type literal, one member per line, each with its doc comment. */
export function printObject(type: ObjectType, context: PrintContext): string {
  const inner = `${context.indent}  `;
  const members = type.properties.map((property) => printProperty(property, { ...context, indent: inner }));
  if (type.additionalProperties) {
    // Declared properties must fit the index signature, so extra keys are typed loosely.
    members.push(`${inner}[key: string]: unknown;\n`);
  }
  return `{\n${members.join("")}${context.indent}}`;
}

function printProperty(property: Property, context: PrintContext): string {
  const doc = docComment(context.indent, property.doc, property.deprecated ? "@deprecated" : undefined);
  const optional = property.required ? "" : "?";
  const type = printType(property.type, context);
  return `${doc}${context.indent}${propertyKey(property.wireName)}${optional}: ${type}${property.required ? "" : " | undefined"};\n`;
}
