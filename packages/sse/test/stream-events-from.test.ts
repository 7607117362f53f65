/**
 * `streamEventsFrom`: the session over a caller's own `connect`, against real
 * servers on 127.0.0.1. The caller makes each request (with the `fetch` and
 * `headers` it is given) and says what an answer that is not a stream means;
 * parsing, Last-Event-ID, backoff, the idle watchdog, giving up on a server
 * that never answers, onError and cancellation are the session's.
 */
import { afterEach, describe, expect, it } from "vitest";
import {
  type Connect,
  type Connection,
  type ErrorInfo,
  isEventStream,
  readBodyPrefix,
  SseConnectionError,
  type ServerSentEvent,
  streamEventsFrom,
} from "../src/index.ts";
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

/** The caller's own error type, to see that the session passes it through untouched. */
class ApiError extends Error {
  readonly status: number;
  readonly body: string;
  constructor(status: number, body: string) {
    super(`HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

/** A connect that sends its own header beside the stream's, and maps answers the way an SDK would. */
function apiConnect(url: string, seen: Connection[] = []): Connect {
  return async (connection) => {
    seen.push(connection);
    const response = await connection.fetch(url, { headers: { ...connection.headers, authorization: "Bearer t" } });
    if (isEventStream(response)) return response;
    if (response.status === 204) return undefined;
    const error = new ApiError(response.status, await readBodyPrefix(response));
    return { error, retry: response.status >= 500, retryAfterMs: Number(response.headers.get("retry-after") ?? 0) * 1000 };
  };
}

describe("streamEventsFrom", () => {
  it("streams the events of the caller's requests, resuming with Last-Event-ID encoded as UTF-8 bytes", async () => {
    const server = await serve((_request, response, index) => {
      if (index === 2) {
        answer(response, 204);
        return;
      }
      openStream(response);
      response.end(index === 0 ? "id: 日本\ndata: one\n\n" : "data: two\n\n");
    });
    const seen: Connection[] = [];
    const { items, error } = await drain(streamEventsFrom(apiConnect(server.url(), seen), fast));
    expect(error).toBeUndefined();
    expect(items.map((event: ServerSentEvent) => [event.data, event.id])).toEqual([
      ["one", "日本"],
      ["two", "日本"],
    ]);
    expect(server.requests.map((request) => [request.headers.authorization, request.headers.accept, request.headers["cache-control"]])).toEqual([
      ["Bearer t", "text/event-stream", "no-cache"],
      ["Bearer t", "text/event-stream", "no-cache"],
      ["Bearer t", "text/event-stream", "no-cache"],
    ]);
    expect(server.requests.map((request) => request.lastEventId)).toEqual([undefined, "日本", "日本"]);
    expect(seen.map((connection) => connection.lastEventId)).toEqual([undefined, "日本", "日本"]);
  });

  it("reconnects after a refusal that asks for it, at least its retryAfterMs later, and reports it with the failures in a row", async () => {
    const server = await serve((_request, response, index) => {
      if (index < 2) {
        answer(response, 503, { "retry-after": "0" }, "busy");
        return;
      }
      openStream(response);
      response.write("data: up\n\n");
    });
    const errors: [unknown, ErrorInfo][] = [];
    const events = await take(streamEventsFrom(apiConnect(server.url()), { ...fast, onError: (error, info) => errors.push([error, info]) }), 1);
    expect(events[0]?.data).toBe("up");
    expect(errors.map(([error, info]) => [(error as ApiError).status, (error as ApiError).body, info])).toEqual([
      [503, "busy", { willReconnect: true, failures: 1 }],
      [503, "busy", { willReconnect: true, failures: 2 }],
    ]);
  });

  it("ends with the caller's error on a refusal without retry, after reporting it", async () => {
    const server = await serve((_request, response) => answer(response, 404, {}, '{"code":"not_found"}'));
    const errors: [unknown, ErrorInfo][] = [];
    const { error } = await drain(streamEventsFrom(apiConnect(server.url()), { ...fast, onError: (failure, info) => errors.push([failure, info]) }));
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 404, body: '{"code":"not_found"}' });
    expect(errors).toEqual([[error, { willReconnect: false, failures: 1 }]]);
    expect(server.requests).toHaveLength(1);
  });

  it("reconnects at once on retry: now, without backoff", async () => {
    const server = await serve((request, response) => {
      if (request.headers.authorization !== "Bearer fresh") {
        answer(response, 401);
        return;
      }
      openStream(response);
      response.write("data: in\n\n");
    });
    let token = "stale";
    const connect: Connect = async ({ fetch, headers }) => {
      const response = await fetch(server.url(), { headers: { ...headers, authorization: `Bearer ${token}` } });
      if (isEventStream(response)) return response;
      token = "fresh";
      return { error: new ApiError(response.status, ""), retry: "now" };
    };
    const started = performance.now();
    const events = await take(streamEventsFrom(connect, { backoff: { baseMs: 60_000, capMs: 60_000, random: () => 0.99 } }), 1);
    expect(events[0]?.data).toBe("in");
    // A backoff draw of this source would have waited close to a minute.
    expect(performance.now() - started).toBeLessThan(30_000);
    expect(server.requests).toHaveLength(2);
  });

  it("retries a request that got no answer, and gives up after maxUnansweredAttempts with SseConnectionError", async () => {
    const server = await serve((request) => request.socket.destroy());
    const errors: ErrorInfo[] = [];
    const { error } = await drain(
      streamEventsFrom(apiConnect(server.url()), { ...fast, maxUnansweredAttempts: 3, onError: (_failure, info) => errors.push(info) }),
    );
    expect(error).toBeInstanceOf(SseConnectionError);
    expect(error).toMatchObject({ reason: "network" });
    expect(server.requests).toHaveLength(3);
    expect(errors).toEqual([
      { willReconnect: true, failures: 1 },
      { willReconnect: true, failures: 2 },
      { willReconnect: false, failures: 3 },
    ]);
  });

  it("ends at once with any other error of connect, without a request", async () => {
    const server = await serve((_request, response) => answer(response, 204));
    const failure = new Error("no credentials");
    const { error } = await drain(
      streamEventsFrom(async () => {
        throw failure;
      }, fast),
    );
    expect(error).toBe(failure);
    expect(server.requests).toHaveLength(0);
  });

  it("times a wait of connect with the idle watchdog: an error body that stalls is no answer, and is retried", async () => {
    const server = await serve((_request, response, index) => {
      if (index === 0) {
        response.writeHead(500, { "content-type": "application/json" });
        response.write('{"code":');
        return;
      }
      openStream(response);
      response.write("data: after the stall\n\n");
    });
    const connect: Connect = async ({ fetch, watch, headers }) => {
      const response = await fetch(server.url(), { headers });
      if (isEventStream(response)) return response;
      return { error: new ApiError(response.status, await watch(response.text())), retry: true };
    };
    const errors: unknown[] = [];
    const events = await take(streamEventsFrom(connect, { ...fast, idleTimeout: 300, onError: (error) => errors.push(error) }), 1);
    expect(events[0]?.data).toBe("after the stall");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ name: "SseConnectionError", reason: "idle-timeout" });
  });

  it("closes the connection on break and rejects with the signal's reason on abort", async () => {
    const server = await serve((_request, response) => {
      openStream(response);
      response.write("data: 1\n\n");
    });
    const events = await take(streamEventsFrom(apiConnect(server.url()), fast), 1);
    expect(events[0]?.data).toBe("1");
    const controller = new AbortController();
    const reason = new Error("unmounted");
    const pending = drain(streamEventsFrom(apiConnect(server.url()), { ...fast, signal: controller.signal }));
    await server.waitForRequests(2);
    controller.abort(reason);
    expect((await pending).error).toBe(reason);
  });
});

describe("isEventStream", () => {
  it.each([
    [200, "text/event-stream", true],
    [200, " Text/Event-Stream; charset=latin1", true],
    [200, "text/event-streams", false],
    [200, "application/json", false],
    [201, "text/event-stream", false],
    [200, undefined, false],
  ])("is %s for a %i with %j", (status, type, expected) => {
    const response = new Response(status === 204 ? null : "", { status, headers: type === undefined ? {} : { "content-type": type } });
    expect(isEventStream(response)).toBe(expected);
  });
});
