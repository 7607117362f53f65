// Writes src/version.ts from package.json's version, so the X-Expys-Client header
// names the version actually published (changesets bumps package.json only).
// `--check` writes nothing and exits 1 when src/version.ts is stale.
import { readFile, writeFile } from "node:fs/promises";

const packageJson = new URL("../package.json", import.meta.url);
const target = new URL("../src/version.ts", import.meta.url);
const { name, version } = JSON.parse(await readFile(packageJson, "utf8")) as { name: string; version: string };
const contents = [
  "// Generated from package.json by scripts/write-version.ts (npm run generate). Do not edit by hand.",
  "",
  "/** This package's version. */",
  `export const sdkVersion = ${JSON.stringify(version)};`,
  "",
  "/** What the SDK names itself in the API's client header (`X-Expys-Client`): its package name and version. */",
  `export const sdkClient = ${JSON.stringify(`${name}/${version}`)};`,
  "",
].join("\n");
const current = await readFile(target, "utf8").catch(() => "");
if (current !== contents) {
  if (process.argv.includes("--check")) {
    process.stderr.write(`src/version.ts does not say ${version}: run \`npm run generate\` and commit the result.\n`);
    process.exitCode = 1;
  } else {
    await writeFile(target, contents);
    process.stdout.write(`src/version.ts: ${version}\n`);
  }
}
