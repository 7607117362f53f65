// Each Swift snippet is built by the Swift package's own build (SwiftPM builds
// every file of packages/sdk-swift/Snippets, a link to docs/snippets, as an
// executable) and run here as a user would run it, against a fresh sandbox: it
// must exit 0, print nothing on stderr, and print what the sandbox's store says
// is true, line for line what its TypeScript twin prints.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { startSandbox, type Sandbox, type SandboxOptions } from "@expys/sandbox";
import { afterEach, describe, expect, it } from "vitest";
import { docsRoot, sandboxEnv, type SnippetRun } from "./support.ts";

const swiftPackage = join(docsRoot, "..", "packages", "sdk-swift");
const swiftScript = join(swiftPackage, "scripts", "swift.sh");

const open: Sandbox[] = [];
async function sandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const started = await startSandbox({ log: false, agent: false, ...options });
  open.push(started);
  return started;
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((started) => started.close()));
});

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

function expectClean(run: SnippetRun): void {
  expect({ code: run.code, stderr: run.stderr }, run.stdout).toEqual({ code: 0, stderr: "" });
}

describe("quickstart.swift", () => {
  it("lists the member's conversations, reads the latest and replies", async () => {
    const server = await sandbox();
    const conversations = server.inspect.conversations(server.externalUserID);
    const latest = conversations[0]!;
    const lastFive = server.inspect.messages(latest.id).slice(-5);
    const run = await runSwiftSnippet("quickstart", sandboxEnv(server));
    expectClean(run);
    expect(run.lines).toEqual([
      `${conversations.length} conversations, most recently active first:`,
      ...conversations.map((conversation) => `  ${conversation.title ?? "(untitled)"} [${conversation.type}]`),
      `The last 5 messages of "${latest.title}":`,
      ...lastFive.map((message) => `  ${message.authorID}: ${message.body ?? "(no text)"}`),
      "Sent a reply: ok=true",
    ]);
    const replies = server.inspect.messages(latest.id).filter((message) => message.body === "Hi! Can you book a table for Friday?");
    expect(replies.map((message) => message.authorID)).toEqual([server.externalUserID]);
  });
});

describe("conversations.swift", () => {
  it("prints each conversation's optional fields, a transcript with directions, and posts", async () => {
    const server = await sandbox();
    const conversations = server.inspect.conversations(server.externalUserID);
    const booking = conversations.find((conversation) => conversation.type === "booking")!;
    const transcript = server.inspect.messages(booking.id);
    const run = await runSwiftSnippet("conversations", sandboxEnv(server));
    expectClean(run);
    expect(run.lines).toEqual([
      ...conversations.map(
        (conversation) => `${conversation.title ?? "Untitled"} (${conversation.type}), last activity: ${conversation.lastMessageAt ?? "no messages yet"}`,
      ),
      `Transcript of "${booking.title}", ${transcript.length} messages:`,
      ...transcript.map((message) => `  ${message.authorID === server.externalUserID ? "you" : "concierge"}: ${message.body ?? `[${message.type}]`}`),
      `Posted to "${booking.title}": ok=true`,
    ]);
    expect(run.lines).toContain("New request (support), last activity: no messages yet");
    expect(run.lines).toContain("  concierge: [system]");
    expect(server.inspect.messages(booking.id).at(-1)?.body).toBe("Could we move it to 8pm?");
  });
});

describe("streaming.swift", () => {
  it("prints the backlog, then five live messages, then closes the stream", async () => {
    const server = await sandbox({ agent: { replyDelayMs: false, chatterIntervalMs: 50 } });
    const before = server.inspect.messages(server.conversationId).length;
    const backlog = server.inspect.messages(server.conversationId).slice(-3);
    const run = await runSwiftSnippet("streaming", sandboxEnv(server));
    expectClean(run);
    expect(run.lines.slice(0, 4)).toEqual([
      ...backlog.map((message) => `earlier  ${message.authorID}: ${message.body ?? "(no text)"}`),
      "Listening for 5 new messages...",
    ]);
    const live = server.inspect.messages(server.conversationId).slice(before, before + 5);
    expect(live).toHaveLength(5);
    expect(run.lines.slice(4)).toEqual([
      ...live.map((message) => `live     ${message.authorID}: ${message.body ?? "(no text)"}`),
      "Stopped after 5 live messages; the connection is closed.",
    ]);
    await expect.poll(() => server.inspect.openStreams()).toBe(0);
  });
});

describe("authentication.swift", () => {
  it("exchanges the org key, serves tokens through the backend route, and uses a machine token", async () => {
    const server = await sandbox();
    const run = await runSwiftSnippet("authentication", sandboxEnv(server));
    expectClean(run);
    const count = server.inspect.conversations(server.externalUserID).length;
    expect(run.lines).toEqual([
      `Minted a member token for ${server.externalUserID}, valid 900 s`,
      `The app sees ${count} conversations; token provider called 1 time(s)`,
      `A machine token listed ${count} conversations for ${server.externalUserID}`,
    ]);
  });

  it("asks the provider again, once, when the saved token has expired", async () => {
    const server = await sandbox();
    const expired = server.mintToken({ externalUserID: server.externalUserID, ttlMs: 0 });
    const run = await runSwiftSnippet("authentication", sandboxEnv(server, { EXPYS_MEMBER_TOKEN: expired }));
    expectClean(run);
    expect(run.lines[1]).toBe(`The app sees ${server.inspect.conversations(server.externalUserID).length} conversations; token provider called 2 time(s)`);
  });
});

describe("errors.swift", () => {
  it("switches on each failure's code and prints the request id the server logged", async () => {
    const log: string[] = [];
    const server = await sandbox({ log: (line: string) => log.push(line) });
    const run = await runSwiftSnippet("errors", sandboxEnv(server));
    expectClean(run);
    expect(run.lines).toEqual([
      'not found (404): show "this conversation is gone"',
      expect.stringMatching(/^ {2}requestId=\S+ retryable=false$/),
      'invalid request (400): fix "limit" in the code',
      "forbidden (403): this token may not act for that member",
    ]);
    const requestId = /requestId=(\S+)/.exec(run.lines[1]!)![1]!;
    expect(log.find((line) => line.includes(requestId))).toMatch(/404/);
  });
});

describe("retries.swift", () => {
  it("replays a send repeated with the same key, so the message is posted once", async () => {
    const server = await sandbox();
    const before = server.inspect.messages(server.conversationId).length;
    const run = await runSwiftSnippet("retries", sandboxEnv(server));
    expectClean(run);
    expect(run.lines).toEqual([
      `Listed ${server.inspect.conversations(server.externalUserID).length} conversations with retries off`,
      "First send: ok=true, replayed=false",
      "Same key again: ok=true, replayed=true",
      expect.stringMatching(/^Request ids: \S+ then \S+$/),
      "The message is in the conversation 1 time(s)",
    ]);
    expect(server.inspect.messages(server.conversationId)).toHaveLength(before + 1);
  });

  it("survives a lost answer: the SDK's retry with the same key is replayed, not posted again", async () => {
    const server = await sandbox();
    const before = server.inspect.messages(server.conversationId).length;
    const lost = server.faults.add({ operation: "sendMessage", times: 1, action: { type: "drop", when: "after" } });
    const run = await runSwiftSnippet("retries", sandboxEnv(server));
    expectClean(run);
    expect(lost.injected).toBe(1);
    expect(run.lines).toContain("First send: ok=true, replayed=true");
    expect(run.lines).toContain("The message is in the conversation 1 time(s)");
    expect(server.inspect.messages(server.conversationId)).toHaveLength(before + 1);
  });
});

describe("pagination.swift", () => {
  it("reads one page and its cursor, then every message, then every page", async () => {
    const server = await sandbox();
    const all = server.inspect.messages(server.conversationId);
    const sizes: number[] = [];
    for (let left = all.length; left > 0; left -= 50) sizes.push(Math.min(50, left));
    const run = await runSwiftSnippet("pagination", sandboxEnv(server));
    expectClean(run);
    expect(run.lines).toEqual([
      "Newest page: 50 messages, more: true",
      "Next page: 50 older messages",
      `Every message: ${all.length}, the first posted at ${all[0]!.createdAt}`,
      `${sizes.length} pages of ${sizes.join(", ")} messages`,
    ]);
  });
});

describe("cancellation.swift", () => {
  it("cancels a call, answers within the timeout, and stops a stream by cancelling its task", async () => {
    const server = await sandbox({ agent: { replyDelayMs: false, chatterIntervalMs: 100 } });
    const run = await runSwiftSnippet("cancellation", sandboxEnv(server));
    expectClean(run);
    const live = run.lines.filter((line) => line.startsWith("live: "));
    expect(run.lines).toEqual([
      "Loading the history was cancelled",
      `Answered in time: ${server.inspect.conversations(server.externalUserID).length} conversations`,
      ...live,
      `Screen closed after ${live.length} live message(s); the stream is closed`,
    ]);
    const posted = new Set(server.inspect.messages(server.conversationId).map((message) => `live: ${message.body}`));
    for (const line of live) expect(posted).toContain(line);
    await expect.poll(() => server.inspect.openStreams()).toBe(0);
  });

  it("gives up on a call the server answers too slowly", async () => {
    const server = await sandbox();
    const slow = server.faults.add({ operation: "listConversations", times: 1, action: { type: "latency", ms: 10_000 } });
    const run = await runSwiftSnippet("cancellation", sandboxEnv(server));
    expectClean(run);
    expect(slow.injected).toBe(1);
    expect(run.lines.slice(0, 2)).toEqual(["Loading the history was cancelled", "No answer within 2 s; keeping the cached list"]);
  });
});

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
