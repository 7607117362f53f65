// Each Swift snippet is built by the Swift package's own build (SwiftPM builds
// every file of packages/sdk-swift/Snippets, a link to docs/snippets, as an
// executable) and run here as a user would run it, against a fresh sandbox: it
// must exit 0, print nothing on stderr, and print what the sandbox's store says
// is true, line for line what its TypeScript twin prints (the suites are
// guide-snippets.ts).
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { describeGuideSnippets, expectClean, sandboxesPerTest } from "./guide-snippets.ts";
import { docsRoot, sandboxEnv, type SnippetRun } from "./support.ts";

const swiftPackage = join(docsRoot, "..", "packages", "sdk-swift");
const swiftScript = join(swiftPackage, "scripts", "swift.sh");

const sandbox = sandboxesPerTest().start;

/**
 * Runs a Swift snippet's executable (through the script that runs what Swift
 * built, in the Swift root on machines without a native Swift), with only
 * PATH, HOME, the Swift root's location and the given variables.
 */
function runSwiftSnippet(name: string, env: Record<string, string>): Promise<SnippetRun> {
  const binary = join(swiftPackage, ".build", "debug", name);
  if (!existsSync(binary)) throw new Error(`${binary} is missing: build the Swift package first (npx turbo run build --filter=@expys/sdk-swift)`);
  const passed = Object.fromEntries(Object.entries(process.env).filter(([key]) => key.startsWith("EXPYS_SWIFT_") || key === "XDG_CACHE_HOME"));
  return new Promise((resolve) => {
    execFile(
      swiftScript,
      ["--exec", binary],
      { cwd: docsRoot, env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/", ...passed, ...env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : null) : 0;
        resolve({ code, stdout, stderr, lines: stdout.split("\n").filter((line) => line !== "") });
      },
    );
  });
}

describeGuideSnippets({ extension: "swift", stopsStream: "by cancelling its task", run: runSwiftSnippet });

describe("the reference's Swift request examples", () => {
  it("list the member's conversations as the store has them", async () => {
    const server = await sandbox();
    const run = await runSwiftSnippet("listConversations", sandboxEnv(server));
    expectClean(run);
    expect(JSON.parse(run.stdout)).toEqual({ conversations: server.inspect.conversations(server.externalUserID) });
  });

  it("read the newest page of two messages", async () => {
    const server = await sandbox();
    const run = await runSwiftSnippet("listMessages", sandboxEnv(server));
    expectClean(run);
    expect(JSON.parse(run.stdout)).toEqual({ messages: server.inspect.messages(server.conversationId).slice(-2), nextCursor: expect.any(String) });
  });

  it("send a message, stored once", async () => {
    const server = await sandbox();
    const run = await runSwiftSnippet("sendMessage", sandboxEnv(server));
    expectClean(run);
    expect(JSON.parse(run.stdout)).toEqual({ ok: true });
    expect(server.inspect.messages(server.conversationId).filter((message) => message.body === "A table for two at 8pm, please.")).toHaveLength(1);
  });

  it("print the first live message, then close the stream", async () => {
    const server = await sandbox({ agent: { replyDelayMs: false, chatterIntervalMs: 50 } });
    const run = await runSwiftSnippet("streamMessages", sandboxEnv(server));
    expectClean(run);
    const printed = JSON.parse(run.stdout) as { id: string };
    expect(server.inspect.messages(server.conversationId).find((message) => message.id === printed.id)).toEqual(printed);
    await expect.poll(() => server.inspect.openStreams()).toBe(0);
  });

  it("exchange the org key for a member token", async () => {
    const server = await sandbox();
    const run = await runSwiftSnippet("exchangeToken", sandboxEnv(server));
    expectClean(run);
    expect(JSON.parse(run.stdout)).toEqual({
      token: expect.any(String),
      kind: "member",
      externalUserID: server.externalUserID,
      expiresAt: expect.any(String),
      expiresIn: 900,
    });
  });
});
