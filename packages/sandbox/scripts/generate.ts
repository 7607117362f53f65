// Writes src/generated/ from the spec's OpenAPI 3.0 document: the document
// itself (the published package validates requests against its own copy, since
// it cannot depend on the private spec package) and the TypeScript types
// openapi-typescript derives from it. `--check` writes nothing and exits 1
// with a diff when the committed files differ from a fresh run.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { createTwoFilesPatch } from "diff";
import openapiTS, { astToString } from "openapi-typescript";

const packageDir = dirname(dirname(fileURLToPath(import.meta.url)));
const specDocument = join(packageDir, "../../spec/openapi/openapi.json");
const generatedDir = join(packageDir, "src/generated");

const typesHeader = `// Generated from spec/openapi/openapi.json by packages/sandbox/scripts/generate.ts
// (npm run generate). Do not edit by hand.

`;

async function main(): Promise<void> {
  const check = process.argv.includes("--check");
  const documentText = await readFile(specDocument, "utf8");
  const ast = await openapiTS(JSON.parse(documentText), { alphabetize: false });
  const outputs = [
    // The spec document already carries its own "do not edit" note (x-expys-generated).
    { file: "openapi.json", text: documentText },
    { file: "openapi.ts", text: typesHeader + astToString(ast) },
  ];

  let stale = 0;
  for (const { file, text } of outputs) {
    const path = join(generatedDir, file);
    const committed = await readFile(path, "utf8").catch(() => "");
    if (committed === text) continue;
    const shown = relative(packageDir, path);
    if (check) {
      stale += 1;
      process.stderr.write(createTwoFilesPatch(`${shown} (committed)`, `${shown} (fresh)`, committed, text));
    } else {
      await mkdir(generatedDir, { recursive: true });
      await writeFile(path, text);
      process.stdout.write(`wrote ${shown}\n`);
    }
  }
  if (stale > 0) {
    process.stderr.write(`\n${stale} generated file(s) in packages/sandbox/src/generated are stale: run \`npm run generate\` and commit the result.\n`);
    process.exitCode = 1;
  }
}

try {
  await main();
} catch (error) {
  process.stderr.write(`generate failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
