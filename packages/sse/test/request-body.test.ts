/**
 * Streams opened by POST (or any method) with a body, over real HTTP: the
 * same body goes with every reconnect, beside Last-Event-ID; a body function
 * is called for each connection; Content-Type is the caller's. Then what
 * streamEvents' own redirect handling does with a method and a body, as fetch
 * would.
 */
import type { IncomingMessage } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { fetchEventStream, streamEvents } from "../src/index.ts";
import { entries } from "./support/entries.ts";
import { answer, drain, openStream, startServer, take, type TestServer } from "./support/test-server.ts";

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

interface Received {
  method: string | undefined;
  path: string | undefined;
  contentType: string | undefined;
  lastEventId: string | undefined;
  body: string;
}

/** A server that records each request with its body, then answers with `reply`. */
async function recordingServer(reply: (request: IncomingMessage, index: number, response: Parameters<Parameters<typeof startServer>[0]>[1]) => void) {
  const received: Received[] = [];
  const server = await startServer((request, response, index) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const raw = request.headers["last-event-id"];
      received.push({
        method: request.method,
        path: request.url,
        contentType: request.headers["content-type"],
        lastEventId: typeof raw === "string" ? Buffer.from(raw, "latin1").toString("utf8") : undefined,
        body: Buffer.concat(chunks).toString("utf8"),
      });
      reply(request, index, response);
    });
  });
  servers.push(server);
  return { server, received };
}

const fast = { backoff: { baseMs: 5, capMs: 20, random: () => 0 } };

/** Two events per connection, ids counting on from Last-Event-ID, then a clean end. */
const resumingStream = (request: IncomingMessage, _index: number, response: Parameters<Parameters<typeof startServer>[0]>[1]): void => {
  openStream(response);
  const from = Number(request.headers["last-event-id"] ?? 0);
  response.end(`id: ${from + 1}\ndata: ${from + 1}\n\nid: ${from + 2}\ndata: ${from + 2}\n\n`);
};

describe.each(entries)("method and body with $name", ({ stream }) => {
  it("POSTs the body on every connection, with Last-Event-ID on the reconnects, and the caller's Content-Type", async () => {
    const { server, received } = await recordingServer(resumingStream);
    const body = JSON.stringify({ prompt: "a table for two", stream: true });
    const events = await take(stream(server.url(), { ...fast, method: "POST", body, headers: { "Content-Type": "application/json" } }), 6);
    expect(events.map((event) => event.data)).toEqual(["1", "2", "3", "4", "5", "6"]);
    expect(received.slice(0, 3)).toEqual([
      { method: "POST", path: "/stream", contentType: "application/json", lastEventId: undefined, body },
      { method: "POST", path: "/stream", contentType: "application/json", lastEventId: "2", body },
      { method: "POST", path: "/stream", contentType: "application/json", lastEventId: "4", body },
    ]);
  });

  it("sends bytes as given, with any method", async () => {
    const { server, received } = await recordingServer(resumingStream);
    const bytes = new TextEncoder().encode("résumé ✓");
    await take(stream(server.url(), { ...fast, method: "REPORT", body: bytes, headers: { "content-type": "text/plain; charset=utf-8" } }), 3);
    expect(received.slice(0, 2).map(({ method, body, contentType }) => ({ method, body, contentType }))).toEqual([
      { method: "REPORT", body: "résumé ✓", contentType: "text/plain; charset=utf-8" },
      { method: "REPORT", body: "résumé ✓", contentType: "text/plain; charset=utf-8" },
    ]);
  });

  it("calls a body function before each connection, and sends what it returns", async () => {
    const { server, received } = await recordingServer(resumingStream);
    let calls = 0;
    const body = async (): Promise<string> => `{"attempt":${++calls}}`;
    await take(stream(server.url(), { ...fast, method: "POST", body }), 5);
    expect(received.slice(0, 3).map((request) => [request.body, request.lastEventId])).toEqual([
      ['{"attempt":1}', undefined],
      ['{"attempt":2}', "2"],
      ['{"attempt":3}', "4"],
    ]);
  });

  it("ends the iteration with a body function's own error, without a request", async () => {
    const { server, received } = await recordingServer(resumingStream);
    const failure = new Error("cannot build the body");
    const { error } = await drain(
      stream(server.url(), {
        method: "POST",
        body: () => {
          throw failure;
        },
      }),
    );
    expect(error).toBe(failure);
    expect(received).toEqual([]);
  });

  it("refuses a body with GET or HEAD at once, with a TypeError", () => {
    expect(() => stream("http://127.0.0.1/", { body: "x" })).toThrow(TypeError);
    expect(() => stream("http://127.0.0.1/", { method: "head", body: "x" })).toThrow(/GET/);
    expect(() => stream("http://127.0.0.1/", { method: "POST", body: "x" })).not.toThrow();
  });

  it("sends no body and GET by default", async () => {
    const { server, received } = await recordingServer(resumingStream);
    await take(stream(server.url(), fast), 1);
    expect(received[0]).toMatchObject({ method: "GET", body: "" });
  });
});

describe("redirects of a POST", () => {
  it.each([
    [307, "POST", '{"q":1}', "application/json"],
    [308, "POST", '{"q":1}', "application/json"],
    [301, "GET", "", undefined],
    [302, "GET", "", undefined],
    [303, "GET", "", undefined],
  ])("after %i, streamEvents sends %s, as fetch would", async (status, method, body, contentType) => {
    const { server, received } = await recordingServer((request, _index, response) => {
      if (request.url === "/stream") answer(response, status, { location: "/moved" });
      else resumingStream(request, 0, response);
    });
    await take(streamEvents(server.url(), { ...fast, method: "POST", body: '{"q":1}', headers: { "content-type": "application/json" } }), 1);
    expect(received.map((request) => [request.path, request.method, request.body, request.contentType])).toEqual([
      ["/stream", "POST", '{"q":1}', "application/json"],
      ["/moved", method, body, contentType],
    ]);
  });

  it("fetchEventStream leaves it to fetch, which keeps the body on 307", async () => {
    const { server, received } = await recordingServer((request, _index, response) => {
      if (request.url === "/stream") answer(response, 307, { location: "/moved" });
      else resumingStream(request, 0, response);
    });
    await take(fetchEventStream(server.url(), { ...fast, method: "POST", body: "again" }), 1);
    expect(received.map((request) => [request.path, request.method, request.body])).toEqual([
      ["/stream", "POST", "again"],
      ["/moved", "POST", "again"],
    ]);
  });
});
