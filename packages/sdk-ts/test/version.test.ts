import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { sdkVersion } from "../src/index.ts";

it("reports the version package.json has", () => {
  const { version } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
  expect(sdkVersion).toBe(version);
});
