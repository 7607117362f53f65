import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Sandbox } from "@expys/sandbox";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ExpysApiError, ExpysConnectionError, ExpysError, type Logger, type Message } from "../src/index.ts";
import { clientOf, quietSandbox, recordingFetch } from "./support.ts";

/** A logger that records every line with its level. */
function capture(): { logger: Logger; lines: [string, string][] } {
  const lines: [string, string][] = [];
  const at = (level: string) => (message: string) => lines.push([level, message]);
  return { logger: { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") }, lines };
}

/** Collects `count` messages from a stream while `post` produces them, once the stream is connected. */
async function collect(sandbox: Sandbox, conversationId: string, stream: AsyncIterable<Message>, count: number, post: () => void): Promise<Message[]> {
  const received: Message[] = [];
  const posting = setInterval(() => {
    if (sandbox.inspect.openStreams(conversationId) > 0) post();
  }, 5);
  try {
    for await (const message of stream) {
      received.push(message);
      if (received.length === count) break;
    }
  } finally {
    clearInterval(posting);
  }
  return received;
}

describe("streamMessages", () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await quietSandbox({ retryMs: 10 });
  });
  afterEach(() => sandbox.faults.clear());
  afterAll(() => sandbox.close());

  it("yields every new message as a typed Message, the member's own sends included", async () => {
    const conversation = sandbox.createConversation(sandbox.externalUserID);
    const expys = clientOf(sandbox);
    let sent = 0;
    const received = await collect(sandbox, conversation.id, expys.streamMessages(conversation.id), 6, () => {
      sent += 1;
      if (sent % 2 === 0) sandbox.postAsAgent(conversation.id, `agent ${sent}`);
      else void expys.sendMessage(conversation.id, `member ${sent}`);
    });
    const stored = sandbox.inspect.messages(conversation.id);
    expect(received).toEqual(stored.slice(0, 6));
    expect(received.map((message) => message.authorID)).toContain(sandbox.externalUserID);
    expect(received.map((message) => message.authorID)).toContain("concierge");
  });

  it("resumes after the connection is cut, with no gap and no duplicate", async () => {
    const conversation = sandbox.createConversation(sandbox.externalUserID);
    sandbox.faults.add({ operation: "streamMessages", times: 3, action: { type: "cutStream", afterEvents: 4 } });
    const { fetch, sent } = recordingFetch();
    let posted = 0;
    const received = await collect(sandbox, conversation.id, clientOf(sandbox, { fetch }).streamMessages(conversation.id), 20, () => {
      posted += 1;
      sandbox.postAsAgent(conversation.id, `m${posted}`);
    });
    expect(received.map((message) => message.body)).toEqual(
      sandbox.inspect
        .messages(conversation.id)
        .slice(0, 20)
        .map((message) => message.body),
    );
    expect(sent.length).toBeGreaterThanOrEqual(4);
    expect(sent.slice(1).every((request) => request.headers.has("Last-Event-ID"))).toBe(true);
  });

  it("asks the token provider again when a reconnect is refused with 401", async () => {
    const conversation = sandbox.createConversation(sandbox.externalUserID);
    sandbox.faults.add({ operation: "streamMessages", times: 1, action: { type: "cutStream", afterEvents: 1 } });
    const shortLived = sandbox.mintToken({ externalUserID: sandbox.externalUserID, ttlMs: 500 });
    let asked = 0;
    const expys = clientOf(sandbox, {
      token: () => {
        asked += 1;
        return asked === 1 ? shortLived : sandbox.mintToken({ externalUserID: sandbox.externalUserID });
      },
    });
    const stream = expys.streamMessages(conversation.id);
    const iterator = stream[Symbol.asyncIterator]();
    const first = iterator.next();
    setTimeout(() => sandbox.postAsAgent(conversation.id, "before expiry"), 20);
    expect((await first).value).toMatchObject({ body: "before expiry" });
    await new Promise((resolve) => setTimeout(resolve, 600));
    const second = iterator.next();
    setTimeout(() => sandbox.postAsAgent(conversation.id, "after refresh"), 100);
    expect((await second).value).toMatchObject({ body: "after refresh" });
    expect(asked).toBe(2);
    await iterator.return?.();
  });

  it("logs each answer it reconnects after at warn, with how many failed in a row, then streams", async () => {
    const conversation = sandbox.createConversation(sandbox.externalUserID);
    sandbox.faults.add({ operation: "streamMessages", times: 2, action: { type: "status", status: 503, retryAfter: 0 } });
    const { logger, lines } = capture();
    const received = await collect(sandbox, conversation.id, clientOf(sandbox, { logger, logLevel: "warn" }).streamMessages(conversation.id), 1, () =>
      sandbox.postAsAgent(conversation.id, "after the outage"),
    );
    expect(received.map((message) => message.body)).toEqual(["after the outage"]);
    expect(lines).toEqual([
      ["warn", expect.stringMatching(/^\[expys\] GET \/v1\/conversations\/\{id\}\/stream: .+; reconnecting \(1 in a row\)$/)],
      ["warn", expect.stringMatching(/^\[expys\] GET \/v1\/conversations\/\{id\}\/stream: .+; reconnecting \(2 in a row\)$/)],
    ]);
  });

  it("gives up after 10 attempts in a row without an answer, with ExpysConnectionError naming the host and the cause", async () => {
    // A port that nothing listens on: every attempt is refused before any answer.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const host = `127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const { logger, lines } = capture();
    const expys = clientOf(sandbox, { baseUrl: `http://${host}`, token: "member-token", logger, logLevel: "warn" });
    const error = await (async () => {
      for await (const message of expys.streamMessages("cnv_1")) void message;
    })().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ExpysConnectionError);
    expect((error as Error).message).toBe(`GET /v1/conversations/{id}/stream: could not reach ${host} (ECONNREFUSED)`);
    expect(lines.map(([level, line]) => [level, line.replace(/.*\(/, "(")])).toEqual(
      Array.from({ length: 9 }, (_, index) => ["warn", `(${index + 1} in a row)`]),
    );
    for (const [, line] of lines) expect(line).toContain(`could not reach ${host} (ECONNREFUSED)`);
  });

  it("ends with an ExpysError naming the operation and the problem when an event is over the SSE client's size bound", async () => {
    // One event of more than 1 MiB, the bound a stream keeps its memory within.
    const server = createServer((_request, response) => {
      response.writeHead(200, { "content-type": "text/event-stream" });
      response.end(`event: message\ndata: ${"x".repeat(2 ** 20 + 1)}\n\n`);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const expys = clientOf(sandbox, { baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, token: "member-token" });
      const error = await (async () => {
        for await (const message of expys.streamMessages("cnv_1")) void message;
      })().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ExpysError);
      expect((error as Error).message).toMatch(/^GET \/v1\/conversations\/\{id\}\/stream: .*maxEventSize/);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it("ends with a typed error when the conversation is not the member's", async () => {
    const theirs = sandbox.createConversation("another-member");
    const error = await (async () => {
      for await (const message of clientOf(sandbox).streamMessages(theirs.id)) void message;
    })().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ExpysApiError);
    expect(error).toMatchObject({ status: 404, code: "not_found", retryable: false });
    expect((error as ExpysApiError).requestId).toMatch(/\S/);
  });
});
