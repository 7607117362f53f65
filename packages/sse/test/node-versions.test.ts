/**
 * The built package on the machine's own Node (20 here) and on the pinned
 * one: the node:test suite in test/node20 imports `@expys/sse` from dist.
 */
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { findMachineNode } from "@expys/testkit";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const suite = fileURLToPath(new URL("./node20/stream-events.test.mjs", import.meta.url));
const SUITE_TESTS = 12;

async function runSuite(node: string): Promise<{ pass: number; fail: number }> {
  const { stdout } = await run(node, ["--test", "--test-reporter=tap", suite], { timeout: 60_000 });
  const count = (label: string): number => Number(new RegExp(`^# ${label} (\\d+)$`, "m").exec(stdout)?.[1] ?? Number.NaN);
  return { pass: count("pass"), fail: count("fail") };
}

describe("the built package on each Node", () => {
  it("passes on the machine's Node 20", async () => {
    const machine = findMachineNode();
    expect(machine.major).toBeGreaterThanOrEqual(20);
    expect(machine.version).not.toBe(process.version);
    expect(await runSuite(machine.path)).toEqual({ pass: SUITE_TESTS, fail: 0 });
  });

  it("passes on the pinned Node", async () => {
    expect(await runSuite(process.execPath)).toEqual({ pass: SUITE_TESTS, fail: 0 });
  });
});
