/**
 * `restart()` on what streamEvents and fetchEventStream return, over real
 * HTTP: it drops the connection at once (mid-event too) and reconnects with
 * Last-Event-ID and fresh headers, as one continuous iteration, with no error
 * for the consumer or onError, and no backoff; during a reconnect's wait it
 * ends the wait.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ReconnectInfo } from "../src/index.ts";
import { entries } from "./support/entries.ts";
import { answer, openStream, startServer, type Handler, type TestServer } from "./support/test-server.ts";

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});
async function serve(handler: Handler): Promise<TestServer> {
  const server = await startServer(handler);
  servers.push(server);
  return server;
}

describe.each(entries)("restart() with $name", ({ stream, hooks }) => {
  it("drops the connection mid-event and resumes at once with Last-Event-ID and fresh headers, as one sequence", async () => {
    const closed: number[] = [];
    const server = await serve((request, response, index) => {
      openStream(response);
      response.on("close", () => closed.push(index));
      const from = Number(request.headers["last-event-id"] ?? 0);
      // Two whole events, then half of the third, and the connection stays open.
      response.write(`id: ${from + 1}\ndata: ${from + 1}\n\nid: ${from + 2}\ndata: ${from + 2}\n\nid: ${from + 3}\ndata: half`);
    });
    let token = 0;
    const errors: unknown[] = [];
    const reconnects: ReconnectInfo[] = [];
    const events = stream(server.url(), {
      headers: () => ({ Authorization: `Bearer ${++token}` }),
      // A backoff that would hold the reconnect for a minute, to show restart() skips it.
      backoff: { baseMs: 60_000, capMs: 60_000, random: () => 0.99 },
      onError: (error) => errors.push(error),
      onReconnect: hooks ? (info: ReconnectInfo) => reconnects.push(info) : undefined,
    });
    const seen: string[] = [];
    for await (const event of events) {
      seen.push(`${event.id}:${event.data}`);
      if (seen.length === 2) events.restart();
      if (seen.length === 4) break;
    }
    expect(seen).toEqual(["1:1", "2:2", "3:3", "4:4"]);
    expect(server.requests.map((request) => [request.lastEventId, request.headers.authorization])).toEqual([
      [undefined, "Bearer 1"],
      ["2", "Bearer 2"],
    ]);
    await vi.waitFor(() => expect(closed).toContain(0));
    expect(errors).toEqual([]);
    expect(reconnects).toEqual([]);
  });

  it("ends the wait before a reconnect, and reconnects at once", async () => {
    const server = await serve((_request, response, index) => {
      if (index === 0) answer(response, 503);
      else {
        openStream(response);
        response.write("data: back\n\n");
      }
    });
    let markScheduled!: () => void;
    const scheduled = new Promise<void>((resolve) => {
      markScheduled = resolve;
    });
    // The backoff's random draw is made as the reconnect is scheduled, just before the wait.
    const random = (): number => {
      markScheduled();
      return 0.99;
    };
    const events = stream(server.url(), { backoff: { baseMs: 60_000, capMs: 60_000, random } });
    const iterator = events[Symbol.asyncIterator]();
    const next = iterator.next();
    // The 503 was answered and the stream now waits about a minute; restart() cuts that short.
    await scheduled;
    events.restart();
    expect((await next).value?.data).toBe("back");
    await iterator.return?.();
    expect(server.requests).toHaveLength(2);
  });

  it("does nothing before iteration starts and after it ended", async () => {
    const server = await serve((_request, response) => {
      openStream(response);
      response.end("data: one\n\n");
    });
    const events = stream(server.url(), { backoff: { baseMs: 5, capMs: 5, random: () => 0 } });
    events.restart();
    const seen: string[] = [];
    for await (const event of events) {
      seen.push(event.data);
      break;
    }
    events.restart();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seen).toEqual(["one"]);
    expect(server.requests).toHaveLength(1);
  });
});
