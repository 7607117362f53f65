/**
 * What the caller hears about failures, over real HTTP, with streamEvents and
 * fetchEventStream: `onError(error, { willReconnect })` for every lost
 * connection (an idle timeout included) and for the error that ends the
 * iteration; connections that never get an answer end the iteration after
 * `maxUnansweredAttempts`, while a server that answers and then closes quiet
 * streams is healthy; and a redirect that cannot lead anywhere ends in a
 * typed error rather than a silent loop.
 */
import { afterEach, describe, expect, it } from "vitest";
import { type ErrorInfo, SseConnectionError, SseResponseError, fetchEventStream, streamEvents } from "../src/index.ts";
import { entries } from "./support/entries.ts";
import { answer, drain, openStream, startServer, take, type Handler, type TestServer } from "./support/test-server.ts";

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

/** An onError that records every call. */
function errorLog(): { calls: [unknown, boolean][]; onError: (error: unknown, info: ErrorInfo) => void } {
  const calls: [unknown, boolean][] = [];
  return { calls, onError: (error, { willReconnect }) => calls.push([error, willReconnect]) };
}

/** Closes the connection before the status line: the client sees a network error, never an answer. */
const hangUp: Handler = (request) => request.socket.destroy();

describe.each(entries)("onError with $name", ({ stream }) => {
  it("reports an idle timeout, then the stream resumes", async () => {
    const server = await serve((_request, response, index) => {
      openStream(response);
      response.write(`id: ${index}\ndata: ${index}\n\n`);
      // ...then silence, with the connection left open.
    });
    const { calls, onError } = errorLog();
    const events = await take(stream(server.url(), { ...fast, idleTimeout: 300, onError }), 2);
    expect(events.map((event) => event.data)).toEqual(["0", "1"]);
    expect(calls.length).toBeGreaterThanOrEqual(1);
    const [error, willReconnect] = calls[0]!;
    expect(error).toBeInstanceOf(SseConnectionError);
    expect(error).toMatchObject({ name: "SseConnectionError", reason: "idle-timeout" });
    expect(willReconnect).toBe(true);
  });

  it("reports a lost connection and a retryable answer, but not a clean end of stream", async () => {
    const server = await serve((_request, response, index) => {
      if (index === 1) return answer(response, 503, { "content-type": "application/json" }, '{"code":"busy"}');
      openStream(response);
      if (index === 0) {
        response.write("data: a\n\n");
        response.socket?.end();
      } else if (index === 2) response.end("data: b\n\n");
      else response.write("data: c\n\n");
    });
    const { calls, onError } = errorLog();
    const events = await take(stream(server.url(), { ...fast, onError }), 3);
    expect(events.map((event) => event.data)).toEqual(["a", "b", "c"]);
    expect(
      calls.map(([error, willReconnect]) => [(error as Error).name, (error as SseConnectionError).reason ?? (error as SseResponseError).status, willReconnect]),
    ).toEqual([
      ["SseConnectionError", "network", true],
      ["SseResponseError", 503, true],
    ]);
  });

  it("reports the error that ends the iteration with willReconnect false", async () => {
    const server = await serve((_request, response) => answer(response, 404, { "content-type": "application/json" }, "{}"));
    const { calls, onError } = errorLog();
    const { error } = await drain(stream(server.url(), { ...fast, onError }));
    expect(calls).toEqual([[error, false]]);
    expect(error).toMatchObject({ status: 404 });
  });
});

describe.each(entries)("connections that get no answer, with $name", ({ stream }) => {
  it("signal each failure, then end the iteration with the last one after maxUnansweredAttempts", async () => {
    const server = await serve(hangUp);
    const { calls, onError } = errorLog();
    const { items, error } = await drain(stream(server.url(), { ...fast, maxUnansweredAttempts: 3, onError }));
    expect(items).toEqual([]);
    expect(error).toBeInstanceOf(SseConnectionError);
    expect(error).toMatchObject({ reason: "network" });
    expect((error as Error).cause).toBeInstanceOf(Error);
    expect(server.requests).toHaveLength(3);
    expect(calls.map(([failure, willReconnect]) => [(failure as SseConnectionError).reason, willReconnect])).toEqual([
      ["network", true],
      ["network", true],
      ["network", false],
    ]);
    expect(calls[2]![0]).toBe(error);
  });

  it("give up after 10 by default", async () => {
    const server = await serve(hangUp);
    const { error } = await drain(stream(server.url(), fast));
    expect(error).toMatchObject({ name: "SseConnectionError", reason: "network" });
    expect(server.requests).toHaveLength(10);
  });

  it("count an idle timeout before the headers as no answer", async () => {
    const server = await serve(() => {
      // Never answers.
    });
    const { error } = await drain(stream(server.url(), { ...fast, idleTimeout: 100, maxUnansweredAttempts: 2 }));
    expect(error).toMatchObject({ name: "SseConnectionError", reason: "idle-timeout" });
    expect(server.requests).toHaveLength(2);
  });

  it("are retried forever with maxUnansweredAttempts 0", async () => {
    const server = await serve(hangUp);
    const controller = new AbortController();
    const onError = (): void => {
      if (server.requests.length === 15) controller.abort();
    };
    const { error } = await drain(stream(server.url(), { ...fast, maxUnansweredAttempts: 0, onError, signal: controller.signal }));
    expect(error).toMatchObject({ name: "AbortError" });
    expect(server.requests).toHaveLength(15);
  });

  it("start counting afresh after any answer", async () => {
    // No answer twice, a 503, no answer twice, then a stream: never three in a row.
    const plan = ["hang", "hang", "503", "hang", "hang", "stream"];
    const server = await serve((request, response, index) => {
      if (plan[index] === "hang") hangUp(request, response, index);
      else if (plan[index] === "503") answer(response, 503);
      else {
        openStream(response);
        response.write("data: up\n\n");
      }
    });
    const events = await take(stream(server.url(), { ...fast, maxUnansweredAttempts: 3 }), 1);
    expect(events[0]?.data).toBe("up");
    expect(server.requests).toHaveLength(6);
  });

  it("do not include a healthy server that closes quiet streams", async () => {
    // Each connection is answered, then closed after a while with nothing in it.
    const server = await serve((_request, response, index) => {
      openStream(response);
      if (index < 12) setTimeout(() => response.end(), 10);
      else response.write("data: finally\n\n");
    });
    const { calls, onError } = errorLog();
    const events = await take(stream(server.url(), { ...fast, maxUnansweredAttempts: 2, onError }), 1);
    expect(events[0]?.data).toBe("finally");
    expect(server.requests).toHaveLength(13);
    expect(calls).toEqual([]);
  });
});

describe("redirects that cannot lead anywhere", () => {
  it("streamEvents ends at once on an empty Location", async () => {
    const server = await serve((_request, response) => answer(response, 302, { location: "" }, "moved"));
    const { calls, onError } = errorLog();
    const { error } = await drain(streamEvents(server.url(), { ...fast, onError }));
    expect(error).toBeInstanceOf(SseResponseError);
    expect(error).toMatchObject({ status: 302, retryable: false, body: "moved" });
    expect((error as Error).message).toMatch(/Location/);
    expect(server.requests).toHaveLength(1);
    expect(calls).toEqual([[error, false]]);
  });

  it("streamEvents ends as soon as a redirect comes back to a URL of the chain", async () => {
    const server = await serve((request, response) => answer(response, 302, { location: request.url === "/a" ? "/b" : "/a" }));
    const { error } = await drain(streamEvents(server.url("/a"), fast));
    expect(error).toMatchObject({ name: "SseResponseError", status: 302, retryable: false });
    expect((error as Error).message).toMatch(/loop/);
    expect(server.requests.map((request) => request.path)).toEqual(["/a", "/b"]);
  });

  it.each([
    ["an empty Location", () => ""],
    ["a redirect loop", (path: string) => (path === "/a" ? "/b" : "/a")],
  ])("fetchEventStream signals %s, which fetch fails as a network error, and ends with SseConnectionError", async (_case, location) => {
    const server = await serve((request, response) => answer(response, 302, { location: location(request.url ?? "") }));
    const { calls, onError } = errorLog();
    const { error } = await drain(fetchEventStream(server.url("/a"), { ...fast, maxUnansweredAttempts: 2, onError }));
    expect(error).toBeInstanceOf(SseConnectionError);
    expect(error).toMatchObject({ reason: "network" });
    expect(calls.map(([, willReconnect]) => willReconnect)).toEqual([true, false]);
    // Fetch follows 20 redirects before it gives up, on each of the two attempts.
    expect(server.requests).toHaveLength(42);
  });
});
