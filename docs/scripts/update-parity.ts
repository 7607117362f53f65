// `npm run parity -w docs`: copies the parity table of the last conformance run
// (packages/conformance/parity.json, written by the suite and git-ignored) to
// docs/data/parity.json, the committed copy the parity page is built from.
// Run the suite first: npx turbo run test --filter=@expys/conformance
import { copyFileSync, existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parityPath, readParity } from "../.vitepress/site/parity.ts";

const produced = fileURLToPath(new URL("../../packages/conformance/parity.json", import.meta.url));
const source = process.argv[2] ?? produced;
if (!existsSync(source)) throw new Error(`${source} does not exist: run the conformance suite first`);
const table = readParity(source);
copyFileSync(source, parityPath);
console.log(
  `docs/data/parity.json: the run of ${table.generatedAt}, ${table.scenarios.length} scenarios, columns ${table.columns.map((column) => column.name).join(", ")}`,
);
