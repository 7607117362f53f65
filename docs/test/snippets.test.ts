// The TypeScript snippets run as a user would run them (`node snippets/x.ts`),
// and the curl ones as shell scripts, against a fresh sandbox; the guide's
// suites are shared with the Kotlin and Swift snippets (guide-snippets.ts).
import { describe, expect, it } from "vitest";
import { describeGuideSnippets, expectClean, sandboxesPerTest } from "./guide-snippets.ts";
import { runSnippet, sandboxEnv } from "./support.ts";

describeGuideSnippets({ extension: "ts", stopsStream: "with a signal", run: (name, env) => runSnippet(`${name}.ts`, env) });

const sandbox = sandboxesPerTest().start;

describe("quickstart.sh", () => {
  it("makes the same three calls with curl", async () => {
    const server = await sandbox();
    const conversations = server.inspect.conversations(server.externalUserID);
    const stored = server.inspect.messages(server.conversationId);
    const run = await runSnippet("quickstart.sh", sandboxEnv(server));
    expectClean(run);
    expect(run.lines).toHaveLength(3);
    const [list, read, send] = run.lines.map((line) => JSON.parse(line) as unknown);
    expect(list).toEqual({ conversations });
    expect(read).toEqual({ messages: stored.slice(-2), nextCursor: expect.any(String) });
    expect(send).toEqual({ ok: true });
    expect(server.inspect.messages(server.conversationId).slice(stored.length)).toEqual([
      expect.objectContaining({ authorID: server.externalUserID, body: "Hi! Can you book a table for Friday?" }),
    ]);
  });
});

describe("authentication.sh", () => {
  it("mints a member token with curl", async () => {
    const server = await sandbox();
    const run = await runSnippet("authentication.sh", sandboxEnv(server));
    expectClean(run);
    const minted = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(minted).toEqual({
      token: expect.any(String),
      kind: "member",
      externalUserID: server.externalUserID,
      expiresAt: expect.any(String),
      expiresIn: 900,
    });
  });
});
