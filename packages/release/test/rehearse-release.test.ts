import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { publishedPackages, rehearseRelease } from "../src/rehearse-release.ts";

/** Compares two x.y.z versions. */
function compare(left: string, right: string): number {
  const [a, b] = [left, right].map((version) => version.split(".").map(Number));
  for (let index = 0; index < 3; index += 1) if (a![index] !== b![index]) return a![index]! - b![index]!;
  return 0;
}

it("publishes every package to a local registry, and a new project installs the SDK and runs the quickstart", { timeout: 600_000 }, async () => {
  const report = await rehearseRelease();
  for (const folder of publishedPackages) {
    const { name, version } = JSON.parse(readFileSync(new URL(`../../../${folder}/package.json`, import.meta.url), "utf8"));
    expect(report.published[name], name).toBeDefined();
    expect(compare(report.published[name]!, version), `${name} ${version} -> ${report.published[name]}`).toBeGreaterThanOrEqual(0);
  }
  expect(report.quickstartOutput).toMatch(/^\d+ conversations, most recently active first:/);
  expect(report.quickstartOutput).toContain("Sent a reply: ok=true");
  expect(report.commonJsOutput.trim()).toBe(`function ${report.published["@expys/sdk"]} ${report.commonJsOutput.trim().split(" ").at(-1)}`);
  expect(report.commonJsOutput).toMatch(/ v2\d\.\d+\.\d+\n$/);
  const kotlinVersion = JSON.parse(readFileSync(new URL("../../../packages/sdk-kotlin/package.json", import.meta.url), "utf8")).version;
  expect(compare(report.kotlin.version, kotlinVersion)).toBeGreaterThanOrEqual(0);
  expect(report.kotlin.pomVersion).toBe(report.kotlin.version);
  expect(report.kotlin.artifacts).toEqual([
    `expys-sdk-${report.kotlin.version}-sources.jar`,
    `expys-sdk-${report.kotlin.version}.jar`,
    `expys-sdk-${report.kotlin.version}.pom`,
  ]);
  expect(report.kotlin.quickstartOutput).toMatch(/^\d+ conversations, most recently active first:/);
  expect(report.kotlin.quickstartOutput).toContain("Sent a reply: ok=true");
  expect(report.swift.version).toMatch(/^\d+\.\d+\.\d+$/);
  expect(report.swift.quickstartOutput).toMatch(/^\d+ conversations, most recently active first:/);
  expect(report.swift.quickstartOutput).toContain("Sent a reply: ok=true");
});
