// The pages generated from the spec, checked against the spec itself (read
// here directly, not through the site's generator): the errors table lists
// every code with its status, and every operation and schema has its page.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { distDir } from "./support.ts";

interface Spec {
  paths: Record<string, Record<string, { operationId: string; "x-expys-sdk"?: { method: string } }>>;
  components: { schemas: Record<string, { "x-expys-error-codes"?: { code: string; status: number; retryable: boolean }[] }> };
}
const spec = JSON.parse(readFileSync(createRequire(import.meta.url).resolve("@expys/spec/openapi.json"), "utf8")) as Spec;
const codes = Object.values(spec.components.schemas).flatMap((schema) => schema["x-expys-error-codes"] ?? []);
const operations = Object.values(spec.paths).flatMap((methods) => Object.values(methods));

function built(page: string): string {
  const file = join(distDir, page);
  if (!existsSync(file)) throw new Error(`${file} is missing: build the site first (npm run build in docs/)`);
  return readFileSync(file, "utf8");
}

const text = (html: string): string =>
  html
    .replace(/<[^>]+>/g, "")
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .trim();

/** The rows of the first table after the element with this id, as cell texts. */
function tableAfter(html: string, id: string): string[][] {
  const start = html.indexOf(`id="${id}"`);
  if (start === -1) throw new Error(`no element with id ${id}`);
  const table = /<table[\s\S]*?<\/table>/.exec(html.slice(start))?.[0] ?? "";
  return [...table.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) => [...row[1]!.matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map((cell) => text(cell[1]!)));
}

describe("the errors page", () => {
  let rows: string[][];
  beforeAll(() => {
    rows = tableAfter(built("guide/errors.html"), "the-error-codes");
  });

  it("has a table with a row per code of the spec, no more", () => {
    expect(codes.length).toBeGreaterThanOrEqual(11);
    expect(rows[0]).toEqual(["Code", "HTTP status", "Retryable", "Meaning"]);
    expect(rows.slice(1).map((row) => row[0])).toEqual(codes.map((code) => code.code));
  });

  it("gives each code the status and retryability the spec declares", () => {
    const table = new Map(rows.slice(1).map((row) => [row[0], row]));
    for (const code of codes) {
      expect(table.get(code.code)?.slice(1, 3), code.code).toEqual([String(code.status), code.retryable ? "yes" : "no"]);
    }
  });

  it("explains every code", () => {
    for (const row of rows.slice(1)) expect(row[3]!.length, row[0]).toBeGreaterThan(20);
  });
});

describe("the reference", () => {
  it("has a page per operation, titled with its SDK method and naming its route", () => {
    expect(operations.length).toBeGreaterThanOrEqual(5);
    for (const [path, methods] of Object.entries(spec.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        const html = built(`reference/operations/${operation.operationId}.html`);
        expect(text(/<h1[\s\S]*?<\/h1>/.exec(html)?.[0] ?? "")).toContain(operation["x-expys-sdk"]?.method ?? operation.operationId);
        expect(text(html)).toContain(`${method.toUpperCase()} ${path}`);
      }
    }
  });

  it("has a page per schema", () => {
    for (const name of Object.keys(spec.components.schemas)) {
      expect(text(/<h1[\s\S]*?<\/h1>/.exec(built(`reference/schemas/${name}.html`))?.[0] ?? "")).toContain(name);
    }
  });

  it("keeps nullability and optionality apart", () => {
    // Conversation.title is required and nullable; TokenExchangeRequest.ttlSeconds is optional and not nullable.
    const conversation = tableAfter(built("reference/schemas/Conversation.html"), "fields");
    expect(conversation.find((row) => row[0] === "title")?.slice(2, 4)).toEqual(["yes", "yes"]);
    const exchange = tableAfter(built("reference/schemas/TokenExchangeRequest.html"), "fields");
    expect(exchange.find((row) => row[0] === "ttlSeconds")?.slice(2, 4)).toEqual(["no", "no"]);
  });
});
