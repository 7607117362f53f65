import { request } from "node:http";
import { describe, expect, it } from "vitest";
import type { Message } from "../src/index.ts";
import { openStream, quietSandbox, schemaErrors, send, waitUntil, type SseReader } from "./helpers.ts";

const streamPath = (id: string) => `/v1/conversations/${id}/stream`;
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

async function readBody(reader: SseReader): Promise<any> {
  await reader.ended;
  return JSON.parse(reader.text);
}

describe("GET /v1/conversations/{id}/stream", () => {
  it("sends a retry hint, then each new message, the member's own included, as an event with its id", async () => {
    const sandbox = await quietSandbox({ retryMs: 1234 });
    const reader = await openStream(sandbox, streamPath(sandbox.conversationId), bearer(sandbox.memberToken));
    expect(reader.response.statusCode).toBe(200);
    expect(reader.response.headers["content-type"]).toMatch(/^text\/event-stream/);
    expect(reader.response.headers["x-request-id"]).toMatch(/^req_/);
    await waitUntil(() => sandbox.inspect.openStreams(sandbox.conversationId) === 1, "the stream is open");

    await send(sandbox, "outgoing");
    const incoming = sandbox.postAsAgent(sandbox.conversationId, "incoming");
    const events = await reader.waitForEvents(2);
    expect(reader.retry).toBe(1234);
    const messages = events.map((event) => JSON.parse(event.data) as Message);
    expect(events.map((event) => event.event)).toEqual(["message", "message"]);
    expect(messages.map((message) => [message.authorID, message.body])).toEqual([
      ["demo-member", "outgoing"],
      ["concierge", "incoming"],
    ]);
    expect(events.map((event) => event.id)).toEqual(messages.map((message) => message.id));
    expect(messages[1]).toEqual(incoming);
    for (const message of messages) expect(schemaErrors("Message", message)).toEqual([]);
    reader.close();
  });

  it("names its starting position first, in an id-only block, so a connection lost before any message resumes without a gap", async () => {
    const sandbox = await quietSandbox({ retryMs: 1000 });
    const history = sandbox.inspect.messages(sandbox.conversationId);
    const first = await openStream(sandbox, streamPath(sandbox.conversationId), bearer(sandbox.memberToken));
    await waitUntil(() => first.text.includes("\n\n"), "the first block arrives");
    expect(first.text).toBe(`retry: 1000\nid: ${history.at(-1)!.id}\n\n`);
    expect(first.events).toEqual([]);
    // The connection is lost before the next message reaches this client.
    first.close();
    await waitUntil(() => sandbox.inspect.openStreams() === 0, "the first stream is closed");
    const missed = sandbox.postAsAgent(sandbox.conversationId, "posted while disconnected");
    const resumed = await openStream(sandbox, streamPath(sandbox.conversationId), { ...bearer(sandbox.memberToken), "Last-Event-ID": history.at(-1)!.id });
    const [event] = await resumed.waitForEvents(1);
    expect(JSON.parse(event!.data)).toEqual(missed);
    resumed.close();
  });

  it("starts an empty conversation's stream at the conversation's own id, which resumes from its first message", async () => {
    const sandbox = await quietSandbox();
    const empty = sandbox.createConversation(sandbox.externalUserID, { messages: 0 });
    const first = await openStream(sandbox, streamPath(empty.id), bearer(sandbox.memberToken));
    await waitUntil(() => first.text.includes("\n\n"), "the first block arrives");
    expect(first.text).toMatch(new RegExp(`^retry: \\d+\nid: ${empty.id}\n\n$`));
    first.close();
    await waitUntil(() => sandbox.inspect.openStreams() === 0, "the first stream is closed");
    const posted = [sandbox.postAsAgent(empty.id, "one"), sandbox.postAsAgent(empty.id, "two")];
    const resumed = await openStream(sandbox, streamPath(empty.id), { ...bearer(sandbox.memberToken), "Last-Event-ID": empty.id });
    const events = await resumed.waitForEvents(2);
    expect(events.map((event) => JSON.parse(event.data))).toEqual(posted);
    resumed.close();
  });

  it("starts live without Last-Event-ID or with an empty one: history is not replayed", async () => {
    const sandbox = await quietSandbox();
    for (const headers of [{}, { "Last-Event-ID": "" }]) {
      const reader = await openStream(sandbox, streamPath(sandbox.conversationId), {
        ...bearer(sandbox.memberToken),
        ...headers,
      });
      await waitUntil(() => sandbox.inspect.openStreams() === 1, "the stream is open");
      const live = sandbox.postAsAgent(sandbox.conversationId, "live");
      const [event] = await reader.waitForEvents(1);
      expect(event?.id).toBe(live.id);
      reader.close();
      await waitUntil(() => sandbox.inspect.openStreams() === 0, "the stream is closed");
    }
  });

  it("sends heartbeat comments on an idle stream", async () => {
    const sandbox = await quietSandbox({ heartbeatMs: 20 });
    const reader = await openStream(sandbox, streamPath(sandbox.conversationId), bearer(sandbox.memberToken));
    await waitUntil(() => reader.comments.length >= 3, "three heartbeats arrived");
    expect(reader.comments.every((comment) => comment === "heartbeat")).toBe(true);
    expect(reader.events).toEqual([]);
    reader.close();
  });

  it("resumes after Last-Event-ID with exactly what was missed, then goes live", async () => {
    const sandbox = await quietSandbox();
    const { conversationId } = sandbox;
    const first = await openStream(sandbox, streamPath(conversationId), bearer(sandbox.memberToken));
    await waitUntil(() => sandbox.inspect.openStreams() === 1, "the stream is open");
    const seen = [1, 2, 3].map((n) => sandbox.postAsAgent(conversationId, `seen ${n}`));
    const received = await first.waitForEvents(3);
    first.close();
    await waitUntil(() => sandbox.inspect.openStreams() === 0, "the first stream is closed");

    const missed = [1, 2, 3, 4].map((n) => sandbox.postAsAgent(conversationId, `missed ${n}`));
    // Resume from the first event: the two seen after it are replayed too, as a client that lost them would need.
    const resumed = await openStream(sandbox, streamPath(conversationId), {
      ...bearer(sandbox.memberToken),
      "Last-Event-ID": received[0]?.id ?? "",
    });
    await waitUntil(() => sandbox.inspect.openStreams() === 1, "the resumed stream is open");
    const live = [1, 2].map((n) => sandbox.postAsAgent(conversationId, `live ${n}`));
    const events = await resumed.waitForEvents(8);
    const expected = [...seen.slice(1), ...missed, ...live];
    expect(events.map((event) => event.id)).toEqual(expected.map((message) => message.id));
    expect(events.map((event) => JSON.parse(event.data))).toEqual(expected);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(resumed.events).toHaveLength(8);
    resumed.close();
  });

  it("delivers every message exactly once across cut streams and reconnects while messages keep arriving", async () => {
    const sandbox = await quietSandbox();
    const { conversationId } = sandbox;
    const start = sandbox.inspect.messages(conversationId).length;
    const cuts = sandbox.faults.add({ operation: "streamMessages", times: 3, action: { type: "cutStream", afterEvents: 4 } });
    const total = 30;
    let posted = 0;
    const poster = setInterval(() => {
      if (posted >= total) return;
      posted += 1;
      sandbox.postAsAgent(conversationId, `burst ${posted}`);
    }, 3);

    const delivered: string[] = [];
    let lastEventId = sandbox.inspect.messages(conversationId).at(-1)?.id ?? "";
    try {
      while (delivered.length < total) {
        const reader = await openStream(sandbox, streamPath(conversationId), {
          ...bearer(sandbox.memberToken),
          "Last-Event-ID": lastEventId,
        });
        expect(reader.response.statusCode).toBe(200);
        await Promise.race([reader.waitForEvents(total - delivered.length).catch(() => undefined), reader.ended]);
        delivered.push(...reader.events.map((event) => event.id ?? ""));
        lastEventId = reader.events.at(-1)?.id ?? lastEventId;
        reader.close();
      }
    } finally {
      clearInterval(poster);
    }
    expect(cuts.injected).toBe(3);
    const expected = sandbox.inspect
      .messages(conversationId)
      .slice(start, start + total)
      .map((message) => message.id);
    expect(delivered).toEqual(expected);
  });

  it.each([
    ["an unknown id", "msg_unknown", /"msg_unknown" is not an event/],
    ["UTF-8 sent as latin1", Buffer.from("ünknown-✓", "utf8").toString("latin1"), /"ünknown-✓" is not an event/],
  ])("answers %s in Last-Event-ID with invalid_request naming it", async (_name, lastEventId, message) => {
    const sandbox = await quietSandbox();
    const reader = await openStream(sandbox, streamPath(sandbox.conversationId), {
      ...bearer(sandbox.memberToken),
      "Last-Event-ID": lastEventId,
    });
    expect(reader.response.statusCode).toBe(400);
    const body = await readBody(reader);
    expect(body).toMatchObject({ code: "invalid_request", param: "Last-Event-ID", retryable: false });
    expect(body.message).toMatch(message);
  });

  it("rejects the id of another conversation's message as Last-Event-ID", async () => {
    const sandbox = await quietSandbox();
    const other = sandbox.createConversation("demo-member", { messages: 1 });
    const foreign = sandbox.inspect.messages(other.id)[0]?.id ?? "";
    const reader = await openStream(sandbox, streamPath(sandbox.conversationId), {
      ...bearer(sandbox.memberToken),
      "Last-Event-ID": foreign,
    });
    expect(reader.response.statusCode).toBe(400);
    expect((await readBody(reader)).param).toBe("Last-Event-ID");
  });

  it("answers errors before the stream opens as JSON", async () => {
    const sandbox = await quietSandbox();
    const unauthenticated = await openStream(sandbox, streamPath(sandbox.conversationId));
    expect(unauthenticated.response.statusCode).toBe(401);
    expect(unauthenticated.response.headers["content-type"]).toMatch(/^application\/json/);
    expect((await readBody(unauthenticated)).code).toBe("unauthorized");
    const missing = await openStream(sandbox, streamPath("cnv_missing"), bearer(sandbox.memberToken));
    expect(missing.response.statusCode).toBe(404);
    expect((await readBody(missing)).code).toBe("not_found");
  });

  it("ends open streams cleanly on close()", async () => {
    const sandbox = await quietSandbox();
    const readers = await Promise.all([1, 2, 3].map(() => openStream(sandbox, streamPath(sandbox.conversationId), bearer(sandbox.memberToken))));
    await waitUntil(() => sandbox.inspect.openStreams() === 3, "three streams are open");
    await sandbox.close();
    expect(await Promise.all(readers.map((reader) => reader.ended))).toEqual(["end", "end", "end"]);
    expect(sandbox.inspect.openStreams()).toBe(0);
  });

  it("refuses new requests while closing with service_unavailable or a closed connection", async () => {
    const sandbox = await quietSandbox();
    const reader = await openStream(sandbox, streamPath(sandbox.conversationId), bearer(sandbox.memberToken));
    const closing = sandbox.close();
    const outcome = await new Promise<number | string>((resolve) => {
      const req = request(`${sandbox.baseUrl}/v1/conversations`, { headers: bearer(sandbox.memberToken) });
      req.once("response", (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      req.once("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? "error"));
      req.end();
    });
    await closing;
    expect([503, "ECONNREFUSED", "ECONNRESET"]).toContain(outcome);
    expect(await reader.ended).toBe("end");
  });
});
