// Shortens, in the built JavaScript, the names of properties that only the
// SDK's own code reads and writes: the request generated methods hand the
// runtime, and the API's facts. A bundler renames variables but never
// properties, so these long names would reach every app's bundle as they are
// (Preact ships its internals the same way). Each name is replaced everywhere
// in dist/ by the same short one, so generated code and runtime still agree;
// the source maps lead back to src/. Run after tsc by `npm run build`; the
// tests over real HTTP that use the built package (test/built-package.test.ts,
// conformance, docs) run the mangled code.
import { readdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { INTERNAL_PROPERTIES } from "./internal-properties.ts";

const dist = fileURLToPath(new URL("../dist/", import.meta.url));
const files = (await readdir(dist, { recursive: true })).filter((file) => file.endsWith(".js")).map((file) => `${dist}${file}`);
const mangleProps = new RegExp(`^(${INTERNAL_PROPERTIES.join("|")})$`);

// esbuild names mangled properties per file; the cache handed from each file
// to the next makes every file use the same short name for the same property.
let mangleCache: Record<string, string | false> = {};
for (const file of files.sort()) {
  const result = await build({
    entryPoints: [file],
    outfile: file,
    allowOverwrite: true,
    format: "esm",
    target: "es2022",
    // tsc's map is read in and composed, so each map still points at src/, which the package ships.
    sourcemap: true,
    sourcesContent: false,
    mangleProps,
    mangleCache,
    logLevel: "warning",
  });
  mangleCache = result.mangleCache ?? mangleCache;
}
