// Each Kotlin snippet runs as a user would run a compiled program (`java -cp ...
// docs.quickstart.QuickstartKt`), against a fresh sandbox, and must exit 0, print
// nothing on stderr, and print what the sandbox's own store says is true: the
// same lines as its TypeScript twin. The snippets are compiled against the
// installed SDK jar by `npm run build` of packages/sdk-kotlin (its consumers
// project), so they see only the SDK's public API.
import { execFile, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { PlanMethod } from "@expys/codegen";
import { startSandbox, type Sandbox, type SandboxOptions } from "@expys/sandbox";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { responseExample } from "../.vitepress/site/operation-page.ts";
import { methods, types } from "../.vitepress/site/spec-plan.ts";
import { startExampleSandbox, streamedText } from "../scripts/reference-examples.ts";
import { eventsOf, problemsOf, shapeOf } from "./conforms.ts";
import { docsRoot, sandboxEnv, type SnippetRun } from "./support.ts";

const consumers = join(docsRoot, "..", "packages", "sdk-kotlin", "consumers", "target");
let classpath = "";

beforeAll(() => {
  const listing = join(consumers, "classpath.txt");
  if (!existsSync(listing)) throw new Error(`${listing} is missing: build the Kotlin SDK first (npx turbo run build --filter=@expys/sdk-kotlin)`);
  classpath = `${join(consumers, "classes")}:${readFileSync(listing, "utf8").trim()}`;
});

const open: Sandbox[] = [];
async function sandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const started = await startSandbox({ log: false, agent: false, ...options });
  open.push(started);
  return started;
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((started) => started.close()));
});

/** The main class of `snippets/<name>.kt`: package `docs.<name>` (slashes as dots), file facade `<Name>Kt`. */
function mainClassOf(name: string): string {
  const file = name.split("/").at(-1)!;
  return `docs.${name.replaceAll("/", ".")}.${file.charAt(0).toUpperCase()}${file.slice(1)}Kt`;
}

/** Runs `snippets/<name>.kt`'s main class with only PATH, HOME and the given variables. */
function runKotlin(name: string, env: Record<string, string>): Promise<SnippetRun> {
  const mainClass = mainClassOf(name);
  return new Promise((resolve) => {
    execFile(
      "java",
      ["-cp", classpath, mainClass],
      { cwd: docsRoot, env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/", ...env }, timeout: 60_000 },
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

describe("quickstart.kt", () => {
  it("lists the member's conversations, reads the latest and replies", async () => {
    const server = await sandbox();
    const conversations = server.inspect.conversations(server.externalUserID);
    const latest = conversations[0]!;
    const lastFive = server.inspect.messages(latest.id).slice(-5);
    const run = await runKotlin("quickstart", sandboxEnv(server));
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

describe("conversations.kt", () => {
  it("prints each conversation's optional fields, a transcript with directions, and posts", async () => {
    const server = await sandbox();
    const conversations = server.inspect.conversations(server.externalUserID);
    const booking = conversations.find((conversation) => conversation.type === "booking")!;
    const transcript = server.inspect.messages(booking.id);
    const run = await runKotlin("conversations", sandboxEnv(server));
    expectClean(run);
    expect(run.lines).toEqual([
      ...conversations.map(
        (conversation) => `${conversation.title ?? "Untitled"} (${conversation.type}), last activity: ${conversation.lastMessageAt ?? "no messages yet"}`,
      ),
      `Transcript of "${booking.title}", ${transcript.length} messages:`,
      ...transcript.map((message) => `  ${message.authorID === server.externalUserID ? "you" : "concierge"}: ${message.body ?? `[${message.type}]`}`),
      `Posted to "${booking.title}": ok=true`,
    ]);
    expect(run.lines).toContain("  concierge: [system]");
    expect(server.inspect.messages(booking.id).at(-1)?.body).toBe("Could we move it to 8pm?");
  });
});

describe("streaming.kt", () => {
  it("prints the backlog, then five live messages, then closes the stream", async () => {
    const server = await sandbox({ agent: { replyDelayMs: false, chatterIntervalMs: 50 } });
    const before = server.inspect.messages(server.conversationId).length;
    const backlog = server.inspect.messages(server.conversationId).slice(-3);
    const run = await runKotlin("streaming", sandboxEnv(server));
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

describe("authentication.kt", () => {
  it("exchanges the org key, serves tokens from a backend route, and uses a machine token", async () => {
    const server = await sandbox();
    const run = await runKotlin("authentication", sandboxEnv(server));
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
    const run = await runKotlin("authentication", sandboxEnv(server, { EXPYS_MEMBER_TOKEN: expired }));
    expectClean(run);
    expect(run.lines[1]).toBe(`The app sees ${server.inspect.conversations(server.externalUserID).length} conversations; token provider called 2 time(s)`);
  });
});

describe("errors.kt", () => {
  it("tells each failure apart by code and prints the request id the server logged", async () => {
    const log: string[] = [];
    const server = await sandbox({ log: (line: string) => log.push(line) });
    const run = await runKotlin("errors", sandboxEnv(server));
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

describe("retries.kt", () => {
  it("replays a send repeated with the same key, so the message is posted once", async () => {
    const server = await sandbox();
    const before = server.inspect.messages(server.conversationId).length;
    const run = await runKotlin("retries", sandboxEnv(server));
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
    const run = await runKotlin("retries", sandboxEnv(server));
    expectClean(run);
    expect(lost.injected).toBe(1);
    expect(run.lines).toContain("First send: ok=true, replayed=true");
    expect(run.lines).toContain("The message is in the conversation 1 time(s)");
    expect(server.inspect.messages(server.conversationId)).toHaveLength(before + 1);
  });
});

describe("pagination.kt", () => {
  it("reads one page and its cursor, then every message, then every page", async () => {
    const server = await sandbox();
    const all = server.inspect.messages(server.conversationId);
    const sizes: number[] = [];
    for (let left = all.length; left > 0; left -= 50) sizes.push(Math.min(50, left));
    const run = await runKotlin("pagination", sandboxEnv(server));
    expectClean(run);
    expect(run.lines).toEqual([
      "Newest page: 50 messages, more: true",
      "Next page: 50 older messages",
      `Every message: ${all.length}, the first posted at ${all[0]!.createdAt}`,
      `${sizes.length} pages of ${sizes.join(", ")} messages`,
    ]);
  });
});

describe("cancellation.kt", () => {
  it("cancels a call, answers within the timeout, and stops a stream by cancelling its job", async () => {
    const server = await sandbox({ agent: { replyDelayMs: false, chatterIntervalMs: 100 } });
    const run = await runKotlin("cancellation", sandboxEnv(server));
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
    const run = await runKotlin("cancellation", sandboxEnv(server));
    expectClean(run);
    expect(slow.injected).toBe(1);
    expect(run.lines.slice(0, 2)).toEqual(["Loading the history was cancelled", "No answer within 2 s; keeping the cached list"]);
  });
});

/** The reference page's example answer, as the value it stands for (a stream's: its first event's data). */
function shownExample(method: PlanMethod): unknown {
  const text = readFileSync(responseExample(method).file, "utf8");
  if (!method.stream) return JSON.parse(text) as unknown;
  return JSON.parse(eventsOf(text)[0]!.data) as unknown;
}

/** Runs a streaming snippet, posts one message once its stream is open, and resolves with what it printed. */
function runKotlinStream(name: string, server: Sandbox): Promise<string> {
  const child = spawn("java", ["-cp", classpath, mainClassOf(name)], {
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/", ...sandboxEnv(server) },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString("utf8");
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  return new Promise((resolve, reject) => {
    let posted = false;
    const poll = setInterval(() => {
      if (!posted && server.inspect.openStreams(server.conversationId) > 0) {
        posted = true;
        server.postAsAgent(server.conversationId, streamedText);
      }
    }, 50);
    const deadline = setTimeout(() => {
      child.kill();
      reject(new Error(`${name} printed no message within 60 s: ${stdout}${stderr}`));
    }, 60_000);
    child.on("exit", (code) => {
      clearInterval(poll);
      clearTimeout(deadline);
      if (code === 0 && stderr === "") resolve(stdout);
      else reject(new Error(`${name} exited ${code}: ${stderr}`));
    });
  });
}

describe.each(methods.map(({ method }) => [method.operationId, method] as const))("reference/%s.kt", (operationId, method) => {
  it("answers in the shape of the page's example, as the spec says, and as the sandbox stored it", async () => {
    const server = await startExampleSandbox();
    open.push(server);
    const name = `reference/${operationId}`;
    let answer: unknown;
    if (method.stream) {
      answer = JSON.parse(await runKotlinStream(name, server)) as unknown;
    } else {
      const run = await runKotlin(name, sandboxEnv(server));
      expectClean(run);
      answer = JSON.parse(run.stdout) as unknown;
    }
    const type = method.stream ? method.stream.events[0]!.type : method.success.type!;
    expect(problemsOf(answer, type, types)).toEqual([]);
    expect(shapeOf(answer)).toEqual(shapeOf(shownExample(method)));
    if (operationId === "listConversations") expect(answer).toEqual({ conversations: server.inspect.conversations(server.externalUserID) });
    if (operationId === "listMessages") expect((answer as { messages: unknown[] }).messages).toEqual(server.inspect.messages(server.conversationId).slice(-2));
    if (operationId === "sendMessage") expect(server.inspect.messages(server.conversationId).at(-1)?.body).toBe("A table for two at 8pm, please.");
    if (method.stream) expect(answer).toEqual(server.inspect.messages(server.conversationId).find((message) => message.body === streamedText));
    await expect.poll(() => server.inspect.openStreams()).toBe(0);
  });
});
