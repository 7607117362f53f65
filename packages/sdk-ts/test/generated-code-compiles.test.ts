// The TypeScript emitter's output, for every public OpenAPI document the
// generator accepts, must type-check against this package's runtime under the
// repository's strict settings.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { generate } from "@expys/codegen";
import { publicOpenApiDocuments, unsupportedPublicDocuments } from "@expys/testkit";
import ts from "typescript";
import { afterAll, beforeAll, expect, it } from "vitest";

const runtime = fileURLToPath(new URL("../src/runtime/index.ts", import.meta.url));
const baseConfig = fileURLToPath(new URL("../../../tsconfig.base.json", import.meta.url));
let out: string;

beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), "expys-generated-"));
  await writeFile(join(out, "package.json"), JSON.stringify({ type: "module" }));
});
afterAll(() => rm(out, { recursive: true, force: true }));

it("type-checks the SDK generated from each public document", { timeout: 120_000 }, async () => {
  const roots: string[] = [];
  const documents = Object.entries(publicOpenApiDocuments()).filter(([name]) => !(name in unsupportedPublicDocuments));
  for (const [index, [, input]] of documents.entries()) {
    const directory = join(out, String(index));
    const result = await generate({
      input,
      lang: "typescript",
      out: directory,
      emitterOptions: { runtimeImport: relative(directory, runtime) },
    });
    roots.push(...result.files.map((file) => join(directory, file.path)));
  }
  const { config } = ts.readConfigFile(baseConfig, ts.sys.readFile);
  const { options } = ts.convertCompilerOptionsFromJson({ ...config.compilerOptions, noEmit: true, types: [] }, out);
  const program = ts.createProgram(roots, options);
  const problems = ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const where = diagnostic.file
      ? `${relative(out, diagnostic.file.fileName)}:${diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line + 1}`
      : "";
    return `${where} ${ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n")}`;
  });
  expect(documents.length).toBeGreaterThan(45);
  expect(roots.length).toBeGreaterThan(documents.length * 3);
  expect(problems).toEqual([]);
});
