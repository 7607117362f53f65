// The Kotlin SDK's version follows package.json, which changesets bumps: this
// writes it into the POMs and the SDK_VERSION constant (`npm run generate`), or
// with --check fails when they differ (`npm run check`).
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const { version } = JSON.parse(readFileSync(`${root}package.json`, "utf8")) as { version: string };
if (!/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(version)) throw new Error(`package.json has no usable version: ${version}`);

const files: Record<string, (text: string) => string> = {
  // The project's own <version>, the first after its <artifactId>.
  "pom.xml": (text) => text.replace(/(<artifactId>expys-sdk<\/artifactId>\s*(?:<!--[\s\S]*?-->\s*)?<version>)[^<]*(<\/version>)/, `$1${version}$2`),
  "consumers/pom.xml": (text) => text.replace(/(<expys\.sdk\.version>)[^<]*(<\/expys\.sdk\.version>)/, `$1${version}$2`),
  "src/main/kotlin/com/expys/sdk/SdkVersion.kt": (text) => text.replace(/(SDK_VERSION: String = ")[^"]*(")/, `$1${version}$2`),
};

const stale: string[] = [];
for (const [file, update] of Object.entries(files)) {
  const path = `${root}${file}`;
  const current = readFileSync(path, "utf8");
  const next = update(current);
  if (!next.includes(version)) throw new Error(`${file}: found no version to update`);
  if (next === current) continue;
  if (process.argv.includes("--check")) stale.push(file);
  else writeFileSync(path, next);
}
if (stale.length) {
  console.error(`${stale.join(", ")}: not at version ${version} of package.json; run npm run generate`);
  process.exit(1);
}
