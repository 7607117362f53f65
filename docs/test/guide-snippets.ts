// The guide's snippets, one suite for every language: each snippet runs as a
// user would run it, against a fresh sandbox, must exit 0, print nothing on
// stderr, and print what the sandbox's own store says is true, the same lines
// in TypeScript, Kotlin and Swift. Faults injected on the server prove the
// branches a healthy server never takes (a lost answer, a slow answer).
import { startSandbox, type Sandbox, type SandboxOptions } from "@expys/sandbox";
import { afterEach, describe, expect, it } from "vitest";
import { sandboxEnv, type SnippetRun } from "./support.ts";

/** How one language's guide snippets are run. */
export interface SnippetLanguage {
  /** The snippets' file extension, which names each suite (`quickstart.kt`). */
  extension: string;
  /** How its code stops a stream, for the cancellation test's title ("with a signal"). */
  stopsStream: string;
  /** Runs snippet `name` (no extension) with only the given variables besides PATH and HOME. */
  run(name: string, env: Record<string, string>): Promise<SnippetRun>;
}

/**
 * Sandboxes for one test file, each closed after the test that started it.
 * `start` launches one as a guide test wants it; `adopt` closes one started elsewhere.
 */
export function sandboxesPerTest(): { start(options?: SandboxOptions): Promise<Sandbox>; adopt(server: Sandbox): Sandbox } {
  const open: Sandbox[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((started) => started.close()));
  });
  const adopt = (server: Sandbox): Sandbox => {
    open.push(server);
    return server;
  };
  // No concierge unless a test needs live messages: its timing must not decide the output.
  return { adopt, start: async (options = {}) => adopt(await startSandbox({ log: false, agent: false, ...options })) };
}

/** A run that worked: exit code 0 and a silent stderr (the output is shown when it did not). */
export function expectClean(run: SnippetRun): void {
  expect({ code: run.code, stderr: run.stderr }, run.stdout).toEqual({ code: 0, stderr: "" });
}

/** Registers the guide's snippet suites for `language`. */
export function describeGuideSnippets(language: SnippetLanguage): void {
  const sandbox = sandboxesPerTest().start;

  describe(`quickstart.${language.extension}`, () => {
    it("lists the member's conversations, reads the latest and replies", async () => {
      const server = await sandbox();
      const conversations = server.inspect.conversations(server.externalUserID);
      const latest = conversations[0]!;
      const lastFive = server.inspect.messages(latest.id).slice(-5);

      const run = await language.run("quickstart", sandboxEnv(server));
      expectClean(run);
      expect(run.lines).toEqual([
        `${conversations.length} conversations, most recently active first:`,
        ...conversations.map((conversation) => `  ${conversation.title ?? "(untitled)"} [${conversation.type}]`),
        `The last 5 messages of "${latest.title}":`,
        ...lastFive.map((message) => `  ${message.authorID}: ${message.body ?? "(no text)"}`),
        "Sent a reply: ok=true",
      ]);
      expect(conversations).toHaveLength(4);
      const replies = server.inspect.messages(latest.id).filter((message) => message.body === "Hi! Can you book a table for Friday?");
      expect(replies.map((message) => message.authorID)).toEqual([server.externalUserID]);
    });
  });

  describe(`conversations.${language.extension}`, () => {
    it("prints each conversation's optional fields, a transcript with directions, and posts", async () => {
      const server = await sandbox();
      const conversations = server.inspect.conversations(server.externalUserID);
      const booking = conversations.find((conversation) => conversation.type === "booking")!;
      const transcript = server.inspect.messages(booking.id);

      const run = await language.run("conversations", sandboxEnv(server));
      expectClean(run);
      expect(run.lines).toEqual([
        ...conversations.map(
          (conversation) => `${conversation.title ?? "Untitled"} (${conversation.type}), last activity: ${conversation.lastMessageAt ?? "no messages yet"}`,
        ),
        `Transcript of "${booking.title}", ${transcript.length} messages:`,
        ...transcript.map((message) => `  ${message.authorID === server.externalUserID ? "you" : "concierge"}: ${message.body ?? `[${message.type}]`}`),
        `Posted to "${booking.title}": ok=true`,
      ]);
      // The seeded data exercises both null cases the snippet handles.
      expect(run.lines).toContain("New request (support), last activity: no messages yet");
      expect(run.lines.some((line) => line.startsWith("Untitled (notifications)"))).toBe(true);
      expect(run.lines).toContain("  concierge: [system]");
      expect(server.inspect.messages(booking.id).at(-1)?.body).toBe("Could we move it to 8pm?");
    });
  });

  describe(`streaming.${language.extension}`, () => {
    it("prints the backlog, then five live messages, then closes the stream", async () => {
      const server = await sandbox({ agent: { replyDelayMs: false, chatterIntervalMs: 50 } });
      const before = server.inspect.messages(server.conversationId).length;
      const backlog = server.inspect.messages(server.conversationId).slice(-3);

      const run = await language.run("streaming", sandboxEnv(server));
      expectClean(run);
      expect(run.lines.slice(0, 4)).toEqual([
        ...backlog.map((message) => `earlier  ${message.authorID}: ${message.body ?? "(no text)"}`),
        "Listening for 5 new messages...",
      ]);
      // The five live lines are the first five messages posted after the stream opened.
      const live = server.inspect.messages(server.conversationId).slice(before, before + 5);
      expect(live).toHaveLength(5);
      expect(run.lines.slice(4)).toEqual([
        ...live.map((message) => `live     ${message.authorID}: ${message.body ?? "(no text)"}`),
        "Stopped after 5 live messages; the connection is closed.",
      ]);
      await expect.poll(() => server.inspect.openStreams()).toBe(0);
    });
  });

  describe(`authentication.${language.extension}`, () => {
    it("exchanges the org key, serves tokens from a backend route, and uses a machine token", async () => {
      const server = await sandbox();
      const run = await language.run("authentication", sandboxEnv(server));
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
      const run = await language.run("authentication", sandboxEnv(server, { EXPYS_MEMBER_TOKEN: expired }));
      expectClean(run);
      expect(run.lines[1]).toBe(`The app sees ${server.inspect.conversations(server.externalUserID).length} conversations; token provider called 2 time(s)`);
    });
  });

  describe(`errors.${language.extension}`, () => {
    it("tells each failure apart by code and prints the request id the server logged", async () => {
      const log: string[] = [];
      const server = await sandbox({ log: (line: string) => log.push(line) });
      const run = await language.run("errors", sandboxEnv(server));
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

  describe(`retries.${language.extension}`, () => {
    it("replays a send repeated with the same key, so the message is posted once", async () => {
      const server = await sandbox();
      const before = server.inspect.messages(server.conversationId).length;
      const run = await language.run("retries", sandboxEnv(server));
      expectClean(run);
      expect(run.lines).toEqual([
        `Listed ${server.inspect.conversations(server.externalUserID).length} conversations with retries off`,
        "First send: ok=true, replayed=false",
        "Same key again: ok=true, replayed=true",
        expect.stringMatching(/^Request ids: \S+ then \S+$/),
        "The message is in the conversation 1 time(s)",
      ]);
      const [, first, again] = /^Request ids: (\S+) then (\S+)$/.exec(run.lines[3]!)!;
      expect(first).not.toBe(again);
      expect(server.inspect.messages(server.conversationId)).toHaveLength(before + 1);
    });

    it("survives a lost answer: the SDK's retry with the same key is replayed, not posted again", async () => {
      const server = await sandbox();
      const before = server.inspect.messages(server.conversationId).length;
      // The first send is stored, then its connection is cut before the answer.
      const lost = server.faults.add({ operation: "sendMessage", times: 1, action: { type: "drop", when: "after" } });
      const run = await language.run("retries", sandboxEnv(server));
      expectClean(run);
      expect(lost.injected).toBe(1);
      expect(run.lines).toContain("First send: ok=true, replayed=true");
      expect(run.lines).toContain("The message is in the conversation 1 time(s)");
      expect(server.inspect.messages(server.conversationId)).toHaveLength(before + 1);
    });
  });

  describe(`pagination.${language.extension}`, () => {
    it("reads one page and its cursor, then every message, then every page", async () => {
      const server = await sandbox();
      const all = server.inspect.messages(server.conversationId);
      const sizes: number[] = [];
      for (let left = all.length; left > 0; left -= 50) sizes.push(Math.min(50, left));

      const run = await language.run("pagination", sandboxEnv(server));
      expectClean(run);
      expect(run.lines).toEqual([
        `Newest page: 50 messages, more: true`,
        `Next page: 50 older messages`,
        `Every message: ${all.length}, the first posted at ${all[0]!.createdAt}`,
        `${sizes.length} pages of ${sizes.join(", ")} messages`,
      ]);
      expect(sizes.length).toBeGreaterThanOrEqual(3);
    });
  });

  describe(`cancellation.${language.extension}`, () => {
    it(`cancels a call, answers within the timeout, and stops a stream ${language.stopsStream}`, async () => {
      const server = await sandbox({ agent: { replyDelayMs: false, chatterIntervalMs: 100 } });
      const run = await language.run("cancellation", sandboxEnv(server));
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
      const run = await language.run("cancellation", sandboxEnv(server));
      expectClean(run);
      expect(slow.injected).toBe(1);
      expect(run.lines.slice(0, 2)).toEqual(["Loading the history was cancelled", "No answer within 2 s; keeping the cached list"]);
    });
  });
}
