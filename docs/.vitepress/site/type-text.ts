// How a type, its constraints and its default read on a page.
import type { Constraints, JsonValue, PlanTypeRef } from "@expys/codegen";
import { namedType, schemaLink } from "./spec-plan.ts";

/** A type for a page: schemas link to their pages, inline types say what they are; `null` is spelled out. */
export function typeText(type: PlanTypeRef): string {
  let text: string;
  switch (type.kind) {
    case "primitive":
      text = `\`${type.type}\`${type.format ? ` (${type.format})` : ""}`;
      break;
    case "ref": {
      const named = namedType(type.id);
      if (named.origin.kind === "schema") text = `[\`${named.id}\`](${schemaLink(named)})`;
      else if (named.kind === "enum") text = named.members.map((member) => `\`${JSON.stringify(member.value)}\``).join(" or ");
      else text = `\`${named.kind}\``;
      break;
    }
    case "array":
      text = `${typeText(type.items)}\`[]\``;
      break;
    case "map":
      text = `map of ${typeText(type.values)}`;
      break;
    case "literal":
      text = type.values.map((value) => `\`${JSON.stringify(value)}\``).join(" or ");
      break;
    case "unknown":
      text = "any JSON";
      break;
  }
  return type.nullable ? `${text} or \`null\`` : text;
}

function range(low: number | undefined, high: number | undefined, unit: string): string | undefined {
  if (low !== undefined && high !== undefined) return `${low} to ${high}${unit}`;
  if (low !== undefined) return `at least ${low}${unit}`;
  if (high !== undefined) return `at most ${high}${unit}`;
  return undefined;
}

/** The spec's constraints on a value, as short phrases: "1 to 4000 characters", "1 to 100". */
export function constraintPhrases(type: PlanTypeRef): string[] {
  const constraints: Constraints | undefined = type.kind === "primitive" || type.kind === "array" ? type.constraints : undefined;
  if (!constraints) return [];
  const characters = range(constraints.minLength, constraints.maxLength, " characters");
  const items = range(constraints.minItems, constraints.maxItems, " items");
  const value = range(constraints.minimum, constraints.maximum, "");
  return [
    characters,
    items,
    value && `from ${value}`,
    constraints.exclusiveMinimum !== undefined ? `greater than ${constraints.exclusiveMinimum}` : undefined,
    constraints.exclusiveMaximum !== undefined ? `less than ${constraints.exclusiveMaximum}` : undefined,
    constraints.pattern !== undefined ? `matches \`${constraints.pattern}\`` : undefined,
  ].filter((phrase): phrase is string => phrase !== undefined);
}

/** A default value as the page shows it. */
export const defaultText = (value: JsonValue): string => `\`${JSON.stringify(value)}\``;
