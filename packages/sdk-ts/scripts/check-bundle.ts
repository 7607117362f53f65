// The SDK's size, measured both ways issue 14 names: esbuild (minify, ESM,
// browser, gzip -9, as bench/sdk measures it) and size-limit (its own bundler
// and gzip, configured in package.json), for an app that uses the four
// operations. Both must stay at or under issue 14's budget of 6,000 B;
// bench/sdk/README.md shows where each byte goes. Run by `npm run quality`.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

/** Issue 14's budget for both measures (size-limit's own limit in package.json is the same). */
const BUDGET = 6000;
const packageDir = fileURLToPath(new URL("..", import.meta.url));

/** The app of bench/sdk/bundle-size.ts, importing the built package. */
const app = `
  import { initialize } from "./dist/index.js";
  const expys = initialize({ environment: "sandbox", token: "t" });
  await expys.listConversations();
  await expys.listMessages("c", { limit: 50 });
  await expys.sendMessage("c", "hello");
  for await (const message of expys.streamMessages("c")) console.log(message);
`;

const result = await build({
  stdin: { contents: app, resolveDir: packageDir, loader: "js" },
  bundle: true,
  minify: true,
  format: "esm",
  platform: "browser",
  write: false,
  logLevel: "error",
});
const code = result.outputFiles[0]!.contents;
const esbuildBytes = gzipSync(code, { level: 9 }).length;
// size-limit exits non-zero over its own limit (the same budget); its JSON report comes either way.
const sizeLimit = JSON.parse(
  spawnSync(process.execPath, [fileURLToPath(new URL("../../../node_modules/size-limit/bin.js", import.meta.url)), "--json"], {
    cwd: packageDir,
    encoding: "utf8",
  }).stdout,
) as { size: number }[];
const sizeLimitBytes = sizeLimit[0]!.size;

for (const [name, bytes] of [
  ["esbuild (minified, gzip -9)", esbuildBytes],
  ["size-limit", sizeLimitBytes],
] as const) {
  const verdict = bytes > BUDGET ? `OVER the budget by ${bytes - BUDGET} B` : `${BUDGET - bytes} B under the budget`;
  console.log(`${name}: ${bytes} B (budget ${BUDGET} B, ${verdict})`);
  if (bytes > BUDGET) process.exitCode = 1;
}
