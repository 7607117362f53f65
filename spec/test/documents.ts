import { readFileSync } from "node:fs";

/** A loosely typed view of an emitted OpenAPI document, for assertions. */
export type Json = any;

function load(file: string): Json {
  return JSON.parse(readFileSync(new URL(`../openapi/${file}`, import.meta.url), "utf8"));
}

/** The committed documents, keyed by OpenAPI version. */
export const documents = {
  "3.0.0": load("openapi.json"),
  "3.2.0": load("openapi-3.2.json"),
} as const;

/** Every operation of a document with its method and path. */
export function operationsOf(document: Json): { method: string; path: string; operation: Json }[] {
  return Object.entries(document.paths as Record<string, Record<string, Json>>).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({ method, path, operation })),
  );
}

/** Follows a local `$ref` such as `#/components/parameters/ConversationPath`. */
export function resolve(document: Json, node: Json): Json {
  if (!node || typeof node.$ref !== "string") return node;
  return (node.$ref as string)
    .slice(2)
    .split("/")
    .reduce((current: Json, key: string) => current?.[key], document);
}

/** The resolved parameters of an operation. */
export function parametersOf(document: Json, operation: Json): Json[] {
  return (operation.parameters ?? []).map((parameter: Json) => resolve(document, parameter));
}

/** Whether a schema admits `null`, in the 3.0 or the 3.1+ spelling. */
export function isNullable(schema: Json): boolean {
  if (schema.nullable === true) return true;
  if (Array.isArray(schema.type) && schema.type.includes("null")) return true;
  const variants: Json[] = schema.anyOf ?? schema.oneOf ?? [];
  return variants.some((variant) => variant.type === "null");
}
