// Writes Sources/ExpysRuntime/SDKVersion.swift from package.json's name and
// version, so the client identification header names the version actually
// released (changesets bumps package.json only). `--check` writes nothing and
// exits 1 when the file is stale.
import { readFile, writeFile } from "node:fs/promises";

const packageJson = new URL("../package.json", import.meta.url);
const target = new URL("../Sources/ExpysRuntime/SDKVersion.swift", import.meta.url);
const { name, version } = JSON.parse(await readFile(packageJson, "utf8")) as { name: string; version: string };
const contents = [
  "// Written from package.json by scripts/write-version.ts (npm run generate). Do not edit by hand.",
  "",
  "/// This package's name, sent with its version in the client identification header.",
  `package let sdkPackage = ${JSON.stringify(name)}`,
  "",
  "/// This package's version.",
  `public let sdkVersion = ${JSON.stringify(version)}`,
  "",
].join("\n");
const current = await readFile(target, "utf8").catch(() => "");
if (current !== contents) {
  if (process.argv.includes("--check")) {
    process.stderr.write(`Sources/ExpysRuntime/SDKVersion.swift does not say ${version}: run \`npm run generate\` and commit the result.\n`);
    process.exitCode = 1;
  } else {
    await writeFile(target, contents);
    process.stdout.write(`Sources/ExpysRuntime/SDKVersion.swift: ${version}\n`);
  }
}
