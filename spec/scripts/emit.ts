// Compiles the TypeSpec in this folder and writes the OpenAPI documents under
// openapi/, with the x-expys-* extensions added. `--check` writes nothing and
// exits 1 with a diff when the committed documents differ from a fresh emit.
import { readFile, writeFile, mkdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { dirname, join, relative } from "node:path";
import { compile, formatDiagnostic, NodeHost, type Diagnostic, type Program } from "@typespec/compiler";
import { getOpenAPI3 } from "@typespec/openapi3";
import { createTwoFilesPatch } from "diff";
import { addExtensions, type OpenApiDocument } from "./extensions.ts";

const specDir = dirname(dirname(fileURLToPath(import.meta.url)));

/**
 * Warnings the build accepts, each explained in spec/README.md. Any other
 * diagnostic fails the emit.
 */
const acceptedWarnings: Record<string, string[]> = {
  // OpenAPI 3.0 cannot describe SSE items; 3.0 consumers read x-expys-stream instead.
  "3.0.0": ["@typespec/openapi3/streams-not-supported"],
  "3.2.0": [],
};

/** Each emitted document: its OpenAPI version and where it is committed. */
const outputs = [
  { version: "3.0.0", file: "openapi/openapi.json" },
  { version: "3.2.0", file: "openapi/openapi-3.2.json" },
] as const;

const generatedNote = "Generated from spec/*.tsp by spec/scripts/emit.ts (npm run generate). Do not edit by hand.";

async function main(): Promise<void> {
  const check = process.argv.includes("--check");
  const program = await compile(NodeHost, join(specDir, "main.tsp"), { noEmit: true });
  failOnDiagnostics(program.diagnostics, []);

  let stale = 0;
  for (const { version, file } of outputs) {
    const text = await emitDocument(program, version);
    const path = join(specDir, file);
    const committed = await readFile(path, "utf8").catch(() => "");
    if (committed === text) continue;
    if (check) {
      stale += 1;
      process.stderr.write(createTwoFilesPatch(`${file} (committed)`, `${file} (fresh emit)`, committed, text));
    } else {
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, text);
      process.stdout.write(`wrote ${relative(process.cwd(), path)}\n`);
    }
  }
  if (stale > 0) {
    process.stderr.write(`\n${stale} OpenAPI document(s) are stale: run \`npm run generate\` and commit the result.\n`);
    process.exitCode = 1;
  }
}

async function emitDocument(program: Program, version: "3.0.0" | "3.2.0"): Promise<string> {
  // The emitter reports some warnings on the program rather than on its record.
  const known = program.diagnostics.length;
  const records = await getOpenAPI3(program, {
    "openapi-versions": [version],
    "omit-unreachable-types": true,
  });
  const [record, ...others] = records;
  if (!record || others.length > 0 || record.versioned) {
    throw new Error(`expected one unversioned service, got ${records.length} record(s)`);
  }
  failOnDiagnostics([...record.diagnostics, ...program.diagnostics.slice(known)], acceptedWarnings[version] ?? []);
  const document = record.document as unknown as OpenApiDocument;
  addExtensions(program, document);
  return `${JSON.stringify({ openapi: document.openapi, "x-expys-generated": generatedNote, ...document }, null, 2)}\n`;
}

function failOnDiagnostics(diagnostics: readonly Diagnostic[], accepted: readonly string[]): void {
  const unexpected = diagnostics.filter((diagnostic) => diagnostic.severity === "error" || !accepted.includes(diagnostic.code));
  if (unexpected.length === 0) return;
  for (const diagnostic of unexpected) {
    process.stderr.write(`${formatDiagnostic(diagnostic, { pretty: false })}\n`);
  }
  throw new Error(`TypeSpec reported ${unexpected.length} unexpected diagnostic(s)`);
}

try {
  await main();
} catch (error) {
  process.stderr.write(`emit failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
