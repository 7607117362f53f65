import type { Sandbox } from "@expys/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Logger, LogLevel } from "../src/index.ts";
import { clientOf, quietSandbox } from "./support.ts";

function capture(): { logger: Logger; lines: [string, string][] } {
  const lines: [string, string][] = [];
  const at = (level: string) => (message: string) => lines.push([level, message]);
  return { logger: { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") }, lines };
}

describe("logging", () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await quietSandbox();
  });
  afterAll(() => sandbox.close());

  async function runWith(logLevel: LogLevel) {
    const { logger, lines } = capture();
    sandbox.faults.add({ operation: "listConversations", times: 1, action: { type: "status", status: 503, retryAfter: 0 } });
    await clientOf(sandbox, { logger, logLevel }).listConversations();
    return lines;
  }

  it("logs each attempt at debug and each retry at info", async () => {
    const lines = await runWith("debug");
    expect(lines).toEqual([
      ["debug", "[expys] GET /v1/conversations attempt 1"],
      ["info", expect.stringMatching(/^\[expys\] GET \/v1\/conversations failed \(.+\); retry 1 of 2 in \d+ ms$/)],
      ["debug", "[expys] GET /v1/conversations attempt 2"],
    ]);
  });

  it("drops lines below the level, and everything at off", async () => {
    expect((await runWith("info")).map(([level]) => level)).toEqual(["info"]);
    expect(await runWith("warn")).toEqual([]);
    expect(await runWith("off")).toEqual([]);
  });
});
