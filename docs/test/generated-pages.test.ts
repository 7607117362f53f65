// The pages generated from the spec, checked against the spec itself (read
// here directly, not through the site's generator): the errors table lists
// every code with its status, and every operation and schema has its page.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { distDir, docsRoot } from "./support.ts";

interface Spec {
  paths: Record<
    string,
    Record<string, { operationId: string; "x-expys-sdk"?: { method: string }; parameters?: { name: string; schema?: Record<string, number> }[] }>
  >;
  components: {
    schemas: Record<
      string,
      { "x-expys-error-codes"?: { code: string; status: number; retryable: boolean }[]; properties?: Record<string, Record<string, unknown>> }
    >;
  };
}

interface ParityFile {
  columns: { name: string }[];
  scenarios: { id: string; title: string; results: Record<string, { status: string }> }[];
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

/** The text of the block (a parameter or field) with this id. */
function blockText(html: string, id: string): string {
  const start = html.indexOf(`id="${id}"`);
  if (start === -1) throw new Error(`no block with id ${id}`);
  return text(html.slice(start, html.indexOf('<div class="param"', start + 1) === -1 ? undefined : html.indexOf('<div class="param"', start + 1)));
}

/** The tags of a block: where it goes, required or optional, nullable. */
function tagsOf(html: string, id: string): string[] {
  const start = html.indexOf(`id="${id}"`);
  const head = html.slice(start, html.indexOf("</p>", start));
  return [...head.matchAll(/class="param-tag[^"]*">([^<]*)</g)].map((match) => match[1]!);
}

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
    expect(tagsOf(built("reference/schemas/Conversation.html"), "field-title")).toEqual(["required", "nullable"]);
    expect(tagsOf(built("reference/schemas/TokenExchangeRequest.html"), "field-ttlSeconds")).toEqual(["optional"]);
  });

  it("shows each parameter's place, constraints and default from the spec", () => {
    const message = spec.components.schemas.SendMessageRequest?.properties?.message;
    expect(message).toMatchObject({ minLength: 1, maxLength: 4000 });
    const send = blockText(built("reference/operations/sendMessage.html"), "parameter-message");
    expect(send).toContain(`${message!.minLength} to ${message!.maxLength} characters`);
    expect(tagsOf(built("reference/operations/sendMessage.html"), "parameter-message")).toEqual(["body", "required"]);

    const limit = operations.find((operation) => operation.operationId === "listMessages")?.parameters?.find((parameter) => parameter.name === "limit");
    expect(limit?.schema).toMatchObject({ default: 50, minimum: 1, maximum: 100 });
    const list = blockText(built("reference/operations/listMessages.html"), "parameter-limit");
    expect(list).toContain(`Default ${limit!.schema!.default}`);
    expect(list).toContain(`From ${limit!.schema!.minimum} to ${limit!.schema!.maximum}`);
    expect(tagsOf(built("reference/operations/listMessages.html"), "parameter-limit")).toEqual(["query", "optional"]);
  });

  it("lists every error code an operation can answer, with its status", () => {
    const html = built("reference/operations/sendMessage.html");
    const rows = tableAfter(html, "errors").slice(1);
    for (const code of ["invalid_request", "not_found", "idempotency_conflict", "idempotency_in_progress", "rate_limited"]) {
      const status = String(codes.find((entry) => entry.code === code)?.status);
      expect(rows.find((row) => row[0] === code)?.[1], code).toBe(status);
    }
  });

  it("orders the schemas as a reader needs them: the conversation and its messages first", () => {
    const rows = tableAfter(built("reference/index.html"), "schemas").slice(1);
    expect(rows.map((row) => row[0]).slice(0, 2)).toEqual(["Conversation", "Message"]);
    expect(rows.map((row) => row[0]).sort()).toEqual(Object.keys(spec.components.schemas).sort());
  });
});

describe("the parity page", () => {
  it("shows every scenario of the recorded conformance run, for every SDK column, with its result", () => {
    const table = JSON.parse(readFileSync(join(docsRoot, "data", "parity.json"), "utf8")) as ParityFile;
    const html = built("parity.html");
    const rows = [...html.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) => [...row[1]!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((cell) => text(cell[1]!)));
    expect(table.scenarios.length).toBeGreaterThanOrEqual(40);
    for (const scenario of table.scenarios) {
      const row = rows.find((cells) => cells[0]?.endsWith(scenario.id));
      expect(row, scenario.id).toBeDefined();
      expect(row![0]).toContain(text(scenario.title.replace(/`/g, "")));
      expect(row!.slice(1), scenario.id).toEqual(table.columns.map((column) => scenario.results[column.name]?.status ?? "not run"));
    }
  });
});

describe("the changelog", () => {
  it("lists every pending changeset and each published package's version", () => {
    const html = text(built("changelog.html"));
    const dir = join(docsRoot, "..", ".changeset");
    for (const file of readdirSync(dir).filter((name) => name.endsWith(".md") && name !== "README.md")) {
      const summary = readFileSync(join(dir, file), "utf8").split("---")[2]!.trim().split("\n")[0]!;
      expect(html, file).toContain(text(summary.replace(/`/g, "")).slice(0, 60));
    }
    for (const folder of ["sdk-ts", "sse", "codegen", "sandbox"]) {
      const { name } = JSON.parse(readFileSync(join(docsRoot, "..", "packages", folder, "package.json"), "utf8")) as { name: string };
      expect(html).toContain(name);
    }
  });
});
