/**
 * Hostile and careless input, over real HTTP, with streamEvents and
 * fetchEventStream (issue 13): header values and ids that cannot go on the
 * wire are refused at once, naming the header, instead of failing every
 * request as a network error; a server's `retry:` cannot park the client for
 * days; and streamEvents' replay filter keeps a bounded amount of ids.
 */
import { afterEach, describe, expect, it } from "vitest";
import { streamEvents } from "../src/index.ts";
import { REMEMBERED_ID_UNITS } from "../src/replay-filter.ts";
import { entries } from "./support/entries.ts";
import { drain, openStream, startServer, take, type Handler, type TestServer } from "./support/test-server.ts";

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});
async function serve(handler: Handler): Promise<TestServer> {
  const server = await startServer(handler);
  servers.push(server);
  return server;
}

const fast = { backoff: { baseMs: 5, capMs: 20, random: () => 0 } };
const streaming: Handler = (_request, response) => {
  openStream(response);
  response.write("data: ok\n\n");
};

describe.each(entries)("header values with $name", ({ stream }) => {
  it.each([
    ["a CR inside", "Bearer a\rb"],
    ["an LF inside", "Bearer a\nX-Injected: 1"],
    ["a trailing CRLF", "Bearer abc\r\n"],
    ["a leading LF", "\nBearer abc"],
    ["a NUL", "Bearer a\0b"],
    ["a character above U+00FF", "Bearer 日本"],
  ])("refuses one with %s at once, naming the header and never showing the value", async (_case, value) => {
    const server = await serve(streaming);
    for (const headers of [{ Authorization: value }, [["Authorization", value]] as [string, string][], () => ({ Authorization: value })]) {
      const { error } = await drain(stream(server.url(), { ...fast, headers }));
      expect(error).toBeInstanceOf(TypeError);
      expect((error as Error).message).toMatch(/Authorization/);
      expect((error as Error).message).not.toContain("Bearer");
    }
    // Refused before any request, so never retried as a network failure.
    expect(server.requests).toHaveLength(0);
  });

  it("sends Latin-1 values and values from a Headers object as they are", async () => {
    const server = await serve(streaming);
    await take(stream(server.url(), { headers: { "X-Name": "Zoë", "X-Tabs": "a\tb" } }), 1);
    await take(stream(server.url(), { headers: new Headers({ "X-Tenant": "t1" }) }), 1);
    expect(Buffer.from(server.requests[0]?.headers["x-name"] as string, "latin1").toString("latin1")).toBe("Zoë");
    expect(server.requests[0]?.headers["x-tabs"]).toBe("a\tb");
    expect(server.requests[1]?.headers["x-tenant"]).toBe("t1");
  });
});

describe.each(entries)("the lastEventId option with $name", ({ stream }) => {
  it.each([
    ["a CR", "4\r2"],
    ["an LF", "42\n"],
    ["a NUL", "4\u00002"],
  ])("is refused at once when it has %s, with a TypeError naming it", async (_case, lastEventId) => {
    const server = await serve(streaming);
    expect(() => stream(server.url(), { ...fast, lastEventId })).toThrow(TypeError);
    expect(() => stream(server.url(), { ...fast, lastEventId })).toThrow(/lastEventId/);
    expect(server.requests).toHaveLength(0);
  });

  it("goes out as UTF-8 bytes when it is not ASCII, so a server resumes from it exactly", async () => {
    const server = await serve(streaming);
    for (const lastEventId of ["日本", "Zoë", "😀 1"]) await take(stream(server.url(), { lastEventId }), 1);
    expect(server.requests.map((request) => request.lastEventId)).toEqual(["日本", "Zoë", "😀 1"]);
  });
});

describe.each(entries)("the server's retry field with $name", ({ stream }) => {
  it("is capped at maxRetryAfterMs, so `retry: 2000000000` does not wait 23 days", async () => {
    const server = await serve((_request, response, index) => {
      openStream(response);
      response.end(`retry: 2000000000\ndata: ${index}\n\n`);
    });
    const started = performance.now();
    const events = await take(stream(server.url(), { ...fast, maxRetryAfterMs: 200 }), 2);
    expect(events.map((event) => event.data)).toEqual(["0", "1"]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
  });
});

describe("streamEvents' replay filter", () => {
  /** An at-least-once server: the first connection sends `ids`, every later one replays them from `from`, then "new". */
  const replayingServer = (ids: string[], from = 0): Promise<TestServer> =>
    serve((_request, response, index) => {
      openStream(response);
      const events = (start: number): string =>
        ids
          .slice(start)
          .map((id, position) => `id: ${id}\ndata: ${start + position}\n\n`)
          .join("");
      response.end(index === 0 ? events(0) : `${events(from)}id: new\ndata: new\n\n`);
    });

  // 100 ids of 1,000 code units: only the last 65 fit in the bound of 65,536.
  const ids = Array.from({ length: 100 }, (_, index) => `${String(index).padStart(3, "0")}${"x".repeat(997)}`);

  it("drops a replay of ids it remembers", async () => {
    const server = await replayingServer(ids, 35);
    const events = await take(streamEvents(server.url(), fast), 101);
    expect(events.slice(0, 100).map((event) => event.data)).toEqual(ids.map((_, index) => String(index)));
    expect(events[100]?.data).toBe("new");
  });

  it("keeps at most 64 Ki code units of ids: the oldest are forgotten, and a replay from one of them is delivered", async () => {
    expect(REMEMBERED_ID_UNITS).toBe(65_536);
    const server = await replayingServer(ids, 34);
    const events = await take(streamEvents(server.url(), fast), 100 + 66 + 1);
    // Id 34 was forgotten, so it is new: the replay ends there, and everything after it is delivered.
    expect(events.slice(100).map((event) => event.data)).toEqual([...ids.slice(34).map((_, index) => String(34 + index)), "new"]);
  });

  it("never remembers an id longer than the whole bound", async () => {
    // A short id last, so that Last-Event-ID stays within a server's header limits.
    const server = await replayingServer(["h".repeat(REMEMBERED_ID_UNITS + 1), "short"]);
    const events = await take(streamEvents(server.url(), fast), 5);
    // The huge id is not remembered, so its replay is new and ends the replay.
    expect(events.map((event) => event.data)).toEqual(["0", "1", "0", "1", "new"]);
  });
});
