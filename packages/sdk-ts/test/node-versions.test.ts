import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { findMachineNode } from "@expys/testkit";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const suite = fileURLToPath(new URL("./node20/sdk-suite.mjs", import.meta.url));

describe("the built package on each Node the project supports", () => {
  const machine = findMachineNode();
  it.each([
    ["the machine's Node", machine.path],
    ["the pinned Node", process.execPath],
  ])("passes on %s", { timeout: 60_000 }, async (_, node) => {
    const { stdout: version } = await run(node, ["--version"]);
    const { stdout } = await run(node, ["--test", "--test-reporter=tap", suite]);
    expect(stdout).toMatch(/# pass 4\n/);
    expect(stdout).toMatch(/# fail 0\n/);
    expect(Number(version.slice(1).split(".")[0])).toBeGreaterThanOrEqual(20);
  });
});
