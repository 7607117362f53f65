// Codegen benchmark: (1) regenerating the SDK from the spec through turbo, cold
// and from turbo's cache; (2) our generator against openapi-typescript alone on
// GitHub's REST description, interleaved, as a ratio. Run: npm run codegen -w @expys/bench
import { execFileSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildModel, buildPlan, emitFiles, emitters, parseDocument } from "@expys/codegen";
import openapiTS, { astToString } from "openapi-typescript";

const root = fileURLToPath(new URL("../..", import.meta.url));
const require = createRequire(import.meta.url);
const githubPath = join(dirname(require.resolve("@octokit/openapi/package.json")), "generated", "api.github.com.json");

function median(values: number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function timeTurbo(extra: string[]): number {
  const started = performance.now();
  execFileSync(join(root, "node_modules/.bin/turbo"), ["run", "generate", "--filter=@expys/sdk...", "--output-logs=none", ...extra], {
    cwd: root,
    stdio: "ignore",
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1" },
  });
  return performance.now() - started;
}

const runs = Number(process.env.BENCH_RUNS ?? 3);
console.log(`Regenerating @expys/sdk from spec/*.tsp through turbo (${runs} runs each, median):`);
const cold = Array.from({ length: runs }, () => timeTurbo(["--force"]));
const cached = Array.from({ length: runs }, () => timeTurbo([]));
console.log(`  cold (--force, TypeSpec compile + codegen): ${median(cold).toFixed(0)} ms`);
console.log(`  turbo cache hit:                             ${median(cached).toFixed(0)} ms`);

const text = await readFile(githubPath, "utf8");
console.log(`\nGitHub REST description (${(text.length / 1e6).toFixed(1)} MB), interleaved, ${runs} runs each:`);
const ours: number[] = [];
const theirs: number[] = [];
let oursSize = 0;
let theirsSize = 0;
for (let run = 0; run < runs; run += 1) {
  let started = performance.now();
  const files = emitFiles(emitters.typescript!, buildPlan(buildModel(parseDocument(text))));
  ours.push(performance.now() - started);
  oursSize = files.reduce((total, file) => total + file.contents.length, 0);

  started = performance.now();
  const output = astToString(await openapiTS(JSON.parse(text), { silent: true }));
  theirs.push(performance.now() - started);
  theirsSize = output.length;
}
const ratio = median(theirs) / median(ours);
console.log(`  @expys/codegen (parse, model, plan, types + client): ${median(ours).toFixed(0)} ms, ${(oursSize / 1e6).toFixed(1)} MB of TypeScript`);
console.log(`  openapi-typescript 7.13 (parse, types only):  ${median(theirs).toFixed(0)} ms, ${(theirsSize / 1e6).toFixed(1)} MB of TypeScript`);
console.log(`  ratio: @expys/codegen is ${ratio.toFixed(1)}x as fast`);
