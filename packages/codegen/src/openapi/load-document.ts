import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { parse as parseYaml } from "yaml";
import { UnsupportedConstructError } from "./unsupported-construct-error.ts";

/** An OpenAPI document as parsed JSON, with the hash of the bytes it came from. */
export interface LoadedDocument {
  document: Record<string, unknown>;
  /** SHA-256 (hex) of the file's bytes. */
  sourceHash: string;
}

/** Parses OpenAPI 3.0, 3.1 or 3.2 text (JSON or YAML). */
export function parseDocument(text: string): LoadedDocument {
  const sourceHash = createHash("sha256").update(text).digest("hex");
  let parsed: unknown;
  try {
    parsed = text.trimStart().startsWith("{") ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new UnsupportedConstructError("#", `not valid JSON or YAML (${(error as Error).message})`);
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new UnsupportedConstructError("#", "an OpenAPI document must be an object");
  }
  const document = parsed as Record<string, unknown>;
  if ("swagger" in document) {
    throw new UnsupportedConstructError("#/swagger", "Swagger/OpenAPI 2.0 is not supported; convert it to OpenAPI 3 first");
  }
  const version = document.openapi;
  if (typeof version !== "string" || !/^3\.[0-2]\.\d+/.test(version)) {
    throw new UnsupportedConstructError("#/openapi", `expected an OpenAPI version 3.0.x, 3.1.x or 3.2.x, got ${JSON.stringify(version)}`);
  }
  return { document, sourceHash };
}

/** Reads and parses an OpenAPI document from a file. */
export async function loadDocument(path: string): Promise<LoadedDocument> {
  return parseDocument(await readFile(path, "utf8"));
}
