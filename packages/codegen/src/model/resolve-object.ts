import type { Schema, SchemaConverter } from "./schema-converter.ts";
import { UnsupportedConstructError } from "../openapi/unsupported-construct-error.ts";

/**
 * Follows `$ref` chains of non-schema objects (parameters, request bodies,
 * responses, headers), returning the object and the pointer it lives at.
 */
export function resolveObject(converter: SchemaConverter, value: unknown, pointer: string): { value: Schema; pointer: string } {
  let current = value;
  let at = pointer;
  const seen = new Set<string>();
  while (current && typeof current === "object" && typeof (current as Schema).$ref === "string") {
    const target = converter.resolveRef((current as Schema).$ref, at);
    if (seen.has(target.pointer)) throw new UnsupportedConstructError(at, "a reference cycle");
    seen.add(target.pointer);
    current = target.value;
    at = target.pointer;
  }
  if (!current || typeof current !== "object" || Array.isArray(current)) {
    throw new UnsupportedConstructError(at, "expected an object");
  }
  return { value: current as Schema, pointer: at };
}
