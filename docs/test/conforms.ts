// Checks a JSON value against a type of the SDK plan, and describes a value's
// shape, so a captured example can be compared with a live answer whose ids
// and times differ.
import type { PlanType, PlanTypeRef } from "@expys/codegen";

/** Every way `value` breaks `type`, as `path: problem`; empty when it conforms. */
export function problemsOf(value: unknown, type: PlanTypeRef, types: ReadonlyMap<string, PlanType>, path = "$"): string[] {
  if (value === null) return type.nullable ? [] : [`${path}: null where the type is not nullable`];
  switch (type.kind) {
    case "unknown":
      return [];
    case "primitive": {
      const ok = type.type === "integer" ? Number.isInteger(value) : typeof value === (type.type === "number" ? "number" : type.type);
      return ok ? [] : [`${path}: ${JSON.stringify(value)} is not ${type.type}`];
    }
    case "literal":
      return type.values.includes(value as string) ? [] : [`${path}: ${JSON.stringify(value)} is none of ${type.values.join(", ")}`];
    case "array":
      return Array.isArray(value) ? value.flatMap((item, index) => problemsOf(item, type.items, types, `${path}[${index}]`)) : [`${path}: not an array`];
    case "map":
      return typeof value === "object" && !Array.isArray(value)
        ? Object.entries(value).flatMap(([key, item]) => problemsOf(item, type.values, types, `${path}.${key}`))
        : [`${path}: not an object`];
    case "ref":
      return namedProblems(value, types.get(type.id), types, path);
  }
}

function namedProblems(value: unknown, named: PlanType | undefined, types: ReadonlyMap<string, PlanType>, path: string): string[] {
  if (!named) return [`${path}: unknown type`];
  switch (named.kind) {
    case "alias":
      return problemsOf(value, named.type, types, path);
    case "enum":
      return named.members.some((member) => member.value === value) ? [] : [`${path}: ${JSON.stringify(value)} is not a ${named.id}`];
    case "union":
      return named.variants.some((variant) => problemsOf(value, variant, types, path).length === 0) ? [] : [`${path}: matches no variant of ${named.id}`];
    case "object": {
      if (typeof value !== "object" || Array.isArray(value)) return [`${path}: not an object`];
      const record = value as Record<string, unknown>;
      const known = new Set(named.properties.map((property) => property.wireName));
      return [
        ...named.properties.flatMap((property) =>
          property.wireName in record
            ? problemsOf(record[property.wireName], property.type, types, `${path}.${property.wireName}`)
            : property.required
              ? [`${path}.${property.wireName}: missing`]
              : [],
        ),
        ...(named.additionalProperties
          ? []
          : Object.keys(record)
              .filter((key) => !known.has(key))
              .map((key) => `${path}.${key}: not in ${named.id}`)),
      ];
    }
  }
}

/** A value's shape: its JSON types, keys and nesting, without the values themselves. */
export function shapeOf(value: unknown): unknown {
  if (value === null) return "null";
  if (Array.isArray(value)) return [...new Set(value.map((item) => JSON.stringify(shapeOf(item))))].sort().map((item) => JSON.parse(item) as unknown);
  if (typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value as object)
        .sort()
        .map((key) => [key, shapeOf((value as Record<string, unknown>)[key])]),
    );
  }
  return typeof value;
}

/** The events of an event stream's text: each `event` and `data` (joined), as the WHATWG rules read them for well-formed input. */
export function eventsOf(text: string): { event: string; data: string; id?: string }[] {
  return text
    .split(/\n\n/)
    .map((block) => {
      const fields = block.split("\n").filter((line) => line && !line.startsWith(":"));
      const value = (name: string) => fields.filter((line) => line.startsWith(`${name}:`)).map((line) => line.slice(name.length + 1).replace(/^ /, ""));
      const id = value("id")[0];
      return { event: value("event")[0] ?? "message", data: value("data").join("\n"), ...(id !== undefined ? { id } : {}) };
    })
    .filter((event) => event.data !== "");
}
