// SDK benchmark: bundle size beside openapi-fetch, per-call overhead against raw
// fetch, and the type-checking cost for a consumer. Run: npm run sdk -w @expys/bench
import { spawnSync } from "node:child_process";
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { bundleSizes } from "./bundle-size.ts";
import { callOverhead } from "./call-overhead.ts";
import { typeCheckCost } from "./type-check-cost.ts";

const sizes = await bundleSizes();
const ours = sizes["@expys/sdk"]!;
const theirs = sizes["openapi-fetch"]!;
console.log("Bundle of an app using the four operations (esbuild, minified, gzip -9):");
for (const [name, size] of Object.entries(sizes)) console.log(`  ${name.padEnd(14)} ${size.minified} B minified, ${size.gzipped} B gzipped`);
console.log(`  ratio: @expys/sdk is ${(ours.gzipped / theirs.gzipped).toFixed(2)}x openapi-fetch's size`);
// The budget CI enforces is size-limit's (rolldown's minifier, gzip), in packages/sdk-ts/package.json.
// size-limit exits non-zero over its budget; its JSON report comes either way.
const sizeLimit = JSON.parse(
  spawnSync(process.execPath, [fileURLToPath(new URL("../../node_modules/size-limit/bin.js", import.meta.url)), "--json"], {
    cwd: fileURLToPath(new URL("../../packages/sdk-ts", import.meta.url)),
    encoding: "utf8",
  }).stdout,
) as { size: number; sizeLimit: number }[];
console.log(`  size-limit (rolldown, gzip), as CI enforces it: ${sizeLimit[0]!.size} B (budget ${sizeLimit[0]!.sizeLimit} B)`);

const overhead = await callOverhead();
const micros = (timing: { wallMicros: number; cpuMicros: number }): string =>
  `${timing.wallMicros.toFixed(0)} µs per call (client CPU ${timing.cpuMicros.toFixed(0)} µs)`;
const load = loadavg()
  .map((average) => average.toFixed(2))
  .join(", ");
console.log(`\nlistMessages on loopback against a sandbox process, sequential calls, rotating blocks (load average ${load}):`);
console.log(`  raw fetch:                         ${micros(overhead.raw)}`);
console.log(`  raw fetch with a 60 s deadline:    ${micros(overhead.withDeadline)}`);
console.log(`  @expys/sdk (60 s default timeout): ${micros(overhead.sdk)}`);
console.log(`  ratio to raw fetch:                ${overhead.raw.ratio.toFixed(3)}x (median of per-round ratios)`);
console.log(`  ratio to raw fetch with deadline:  ${overhead.withDeadline.ratio.toFixed(3)}x (budget: 1.05x)`);
const own = overhead.instant.sdk.wallMicros - overhead.instant.raw.wallMicros;
console.log(
  `  the SDK's own JavaScript, with a fetch that answers at once: ${overhead.instant.sdk.wallMicros.toFixed(1)} µs per call against ${overhead.instant.raw.wallMicros.toFixed(1)} µs raw (${own.toFixed(1)} µs)`,
);

const cost = typeCheckCost();
console.log("\nType-checking a consumer file (tsc --extendedDiagnostics, median of 5):");
console.log(`  without the SDK: ${cost.without.files} files, check ${cost.without.checkMs.toFixed(0)} ms, total ${cost.without.totalMs.toFixed(0)} ms`);
console.log(`  with the SDK:    ${cost.withSdk.files} files, check ${cost.withSdk.checkMs.toFixed(0)} ms, total ${cost.withSdk.totalMs.toFixed(0)} ms`);
console.log(
  `  added: ${(cost.withSdk.checkMs - cost.without.checkMs).toFixed(0)} ms of checking, ${(cost.withSdk.totalMs - cost.without.totalMs).toFixed(0)} ms in all`,
);
