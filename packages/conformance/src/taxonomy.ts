import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

/** One code of the API's error taxonomy, from the spec's `x-expys-error-codes`. */
export interface TaxonomyCode {
  code: string;
  status: number;
  retryable: boolean;
}

/** Every code of the taxonomy, read from the emitted OpenAPI document: the spec is the source of truth, not this suite. */
export function errorTaxonomy(): TaxonomyCode[] {
  const path = createRequire(import.meta.url).resolve("@expys/spec/openapi.json");
  const document = JSON.parse(readFileSync(path, "utf8")) as { components: { schemas: { ErrorCode?: { "x-expys-error-codes"?: TaxonomyCode[] } } } };
  const table = document.components.schemas.ErrorCode?.["x-expys-error-codes"];
  if (!table?.length) throw new Error(`${path} has no x-expys-error-codes table on ErrorCode`);
  return table.map(({ code, status, retryable }) => ({ code, status, retryable }));
}
