/**
 * What streamEvents and fetchEventStream send, and what they make of each kind
 * of answer, against real local servers (HTML §9.2.2–9.2.4, plus the
 * documented exceptions). Redirects are where the two differ: streamEvents
 * follows them itself, fetchEventStream lets fetch do it.
 */
import { afterEach, describe, expect, it } from "vitest";
import { SseError, SseResponseError, fetchEventStream, streamEvents, type HeadersInfo, type StreamEventsOptions } from "../src/index.ts";
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

/** Quick, deterministic reconnects for tests. */
const fast: StreamEventsOptions = { backoff: { baseMs: 5, capMs: 20, random: () => 0 } };

describe.each(entries)("$name", ({ stream, hooks }) => {
  describe("the request", () => {
    it("is a GET with Accept: text/event-stream, Cache-Control: no-cache, the caller's headers and no Last-Event-ID", async () => {
      const server = await serve((_request, response) => {
        openStream(response);
        response.end("data: hi\n\n");
      });
      const events = await take(stream(server.url(), { headers: { "X-Tenant": "t1", Authorization: "Bearer a" } }), 1);
      expect(events).toEqual([{ event: "message", data: "hi", id: undefined }]);
      const [request] = server.requests;
      expect(request?.method).toBe("GET");
      expect(request?.headers.accept).toBe("text/event-stream");
      expect(request?.headers["cache-control"]).toBe("no-cache");
      expect(request?.headers["x-tenant"]).toBe("t1");
      expect(request?.headers.authorization).toBe("Bearer a");
      expect(request?.headers["last-event-id"]).toBeUndefined();
    });

    it("sends the lastEventId option, and events without their own id carry it", async () => {
      const server = await serve((_request, response) => {
        openStream(response);
        response.write("data: next\n\n");
      });
      const events = await take(stream(server.url(), { lastEventId: "41" }), 1);
      expect(server.requests[0]?.lastEventId).toBe("41");
      expect(events).toEqual([{ event: "message", data: "next", id: "41" }]);
    });

    it("calls a headers function before every connection, so each one gets a fresh token", async () => {
      const server = await serve((_request, response, index) => {
        openStream(response);
        response.end(`id: ${index}\ndata: ${index}\n\n`);
      });
      let calls = 0;
      const headers = async (): Promise<Record<string, string>> => ({ Authorization: `Bearer token-${++calls}` });
      const events = await take(stream(server.url(), { ...fast, headers }), 3);
      expect(events.map((event) => event.data)).toEqual(["0", "1", "2"]);
      expect(server.requests.map((request) => request.headers.authorization)).toEqual(["Bearer token-1", "Bearer token-2", "Bearer token-3"]);
    });

    it("encodes a non-ASCII Last-Event-ID as UTF-8 bytes that a server decodes back exactly", async () => {
      const ids = ["日本", "é", "😀 x", "plain"];
      const server = await serve((_request, response, index) => {
        openStream(response);
        response.end(`id: ${ids[index] ?? "done"}\ndata: ${index}\n\n`);
      });
      await take(stream(server.url(), fast), ids.length + 1);
      expect(server.requests.map((request) => request.lastEventId)).toEqual([undefined, ...ids]);
    });

    it("sends no Last-Event-ID after the server cleared the id with an empty id field", async () => {
      const server = await serve((_request, response, index) => {
        openStream(response);
        response.end(index === 0 ? "id: 1\ndata: a\n\nid:\ndata: b\n\n" : "data: c\n\n");
      });
      const events = await take(stream(server.url(), fast), 3);
      expect(events.map((event) => event.id)).toEqual(["1", undefined, undefined]);
      expect(server.requests[1]?.headers["last-event-id"]).toBeUndefined();
    });
  });

  describe("answers that end the stream", () => {
    it("ends normally on 204, after delivering what came before", async () => {
      const server = await serve((_request, response, index) => {
        if (index === 0) {
          openStream(response);
          response.end("data: last\n\n");
        } else {
          answer(response, 204);
        }
      });
      const { items, error } = await drain(stream(server.url(), fast));
      expect(error).toBeUndefined();
      expect(items.map((event) => event.data)).toEqual(["last"]);
      expect(server.requests).toHaveLength(2);
    });

    it("fails on 404 with status, content type, headers and the body, without reconnecting", async () => {
      const body = JSON.stringify({ code: "not_found", message: "no such conversation", requestId: "req_1", retryable: false });
      const server = await serve((_request, response) => {
        answer(response, 404, { "content-type": "application/json", "x-request-id": "req_1" }, body);
      });
      const { items, error } = await drain(stream(server.url(), fast));
      expect(items).toEqual([]);
      expect(error).toBeInstanceOf(SseResponseError);
      expect(error).toBeInstanceOf(SseError);
      const failure = error as SseResponseError;
      expect(failure.name).toBe("SseResponseError");
      expect(failure.status).toBe(404);
      expect(failure.contentType).toBe("application/json");
      expect(failure.headers.get("x-request-id")).toBe("req_1");
      expect(JSON.parse(failure.body)).toEqual(JSON.parse(body));
      expect(failure.retryable).toBe(false);
      expect(failure.url).toBe(server.url());
      expect(failure.message).toMatch(/404/);
      expect(server.requests).toHaveLength(1);
    });

    it.each([400, 403, 405, 409, 410, 422])("fails on %i without reconnecting", async (status) => {
      const server = await serve((_request, response) => answer(response, status, { "content-type": "text/plain" }, "no"));
      const { error } = await drain(stream(server.url(), fast));
      expect((error as SseResponseError).status).toBe(status);
      expect(server.requests).toHaveLength(1);
    });

    it("fails on a 200 that is not text/event-stream, naming the content type", async () => {
      const server = await serve((_request, response) => answer(response, 200, { "content-type": "text/html" }, "<p>login</p>"));
      const { error } = await drain(stream(server.url(), fast));
      expect(error).toBeInstanceOf(SseResponseError);
      expect(error).toMatchObject({ status: 200, contentType: "text/html", body: "<p>login</p>", retryable: false });
      expect((error as Error).message).toContain("text/html");
      expect(server.requests).toHaveLength(1);
    });

    it("fails on a 200 without a content type", async () => {
      const server = await serve((_request, response) => {
        response.writeHead(200, { connection: "close" });
        response.end("data: x\n\n");
      });
      const { error } = await drain(stream(server.url(), fast));
      expect(error).toMatchObject({ name: "SseResponseError", status: 200, contentType: undefined });
    });

    it("fails on other 2xx statuses, as the spec requires exactly 200", async () => {
      const server = await serve((_request, response) => answer(response, 206, { "content-type": "text/event-stream" }, "data: x\n\n"));
      const { items, error } = await drain(stream(server.url(), fast));
      expect(items).toEqual([]);
      expect(error).toMatchObject({ status: 206, retryable: false });
    });

    it("keeps at most 4 KiB of an error body and never cuts a character in half", async () => {
      const server = await serve((_request, response) => answer(response, 400, { "content-type": "text/plain" }, "é".repeat(10_000)));
      const { error } = await drain(stream(server.url(), fast));
      const body = (error as SseResponseError).body;
      expect(body).toBe("é".repeat(2048));
    });

    it("fails with what arrived when an error body stalls, even with the idle watchdog on", async () => {
      const server = await serve((_request, response) => {
        response.writeHead(404, { "content-type": "application/json" });
        response.write('{"code":"not_');
        // ...and nothing more: the body neither ends nor reaches 4 KiB.
      });
      const reconnects: unknown[] = [];
      const onReconnect = hooks ? (info: unknown) => reconnects.push(info) : undefined;
      // The watchdog (2 s, well below the 5 s the body read may take) times only
      // waits for the answer and events: a stalled error body is not a lost
      // connection to reconnect. Shorter can fire on a loaded machine before
      // the 404's headers arrive.
      const { error } = await drain(stream(server.url(), { ...fast, idleTimeout: 2_000, onReconnect }));
      expect(error).toMatchObject({ name: "SseResponseError", status: 404, body: '{"code":"not_' });
      expect(reconnects).toEqual([]);
      expect(server.requests).toHaveLength(1);
    });

    it("never puts the caller's header values in an error", async () => {
      const server = await serve((_request, response) => answer(response, 403, { "content-type": "application/json" }, "{}"));
      const { error } = await drain(stream(server.url(), { headers: { Authorization: "Bearer sekrit-token" } }));
      expect(String(error)).not.toContain("sekrit");
      expect(JSON.stringify(error)).not.toContain("sekrit");
      expect((error as Error).stack).not.toContain("sekrit");
    });

    it("rejects a header value fetch cannot send with a TypeError that does not show the value", async () => {
      const server = await serve((_request, response) => answer(response, 204));
      const { error } = await drain(stream(server.url(), { headers: async () => ({ Authorization: "Bearer sekrit\nInjected: 1" }) }));
      expect(error).toBeInstanceOf(TypeError);
      expect(String(error)).not.toContain("sekrit");
      expect(server.requests).toHaveLength(0);
    });

    it("ends with the headers function's own error when it throws", async () => {
      const server = await serve((_request, response) => answer(response, 204));
      const failure = new Error("token exchange failed");
      const { error } = await drain(stream(server.url(), { headers: () => Promise.reject(failure) }));
      expect(error).toBe(failure);
      expect(server.requests).toHaveLength(0);
    });
  });

  describe("content type", () => {
    it("ignores parameters and case, and decodes UTF-8 whatever the charset says", async () => {
      const server = await serve((_request, response) => {
        response.writeHead(200, { "content-type": "Text/Event-Stream; charset=ISO-8859-1" });
        response.end(Buffer.from("data: café 日本\n\n", "utf8"));
      });
      const events = await take(stream(server.url(), fast), 1);
      expect(events[0]?.data).toBe("café 日本");
    });
  });

  describe("401", () => {
    it("calls the headers function once more and carries on when the new token works", async () => {
      const server = await serve((request, response) => {
        if (request.headers.authorization !== "Bearer fresh") {
          answer(response, 401, { "content-type": "application/json" }, '{"code":"token_expired"}');
          return;
        }
        openStream(response);
        response.write("data: ok\n\n");
      });
      const tokens = ["stale", "fresh"];
      let calls = 0;
      const events = await take(stream(server.url(), { ...fast, headers: async () => ({ Authorization: `Bearer ${tokens[calls++]}` }) }), 1);
      expect(events.map((event) => event.data)).toEqual(["ok"]);
      expect(calls).toBe(2);
    });

    it("fails when the refreshed token is refused too, after exactly one refresh", async () => {
      const server = await serve((_request, response) => answer(response, 401, { "content-type": "application/json" }, '{"code":"unauthorized"}'));
      let calls = 0;
      const { error } = await drain(stream(server.url(), { ...fast, headers: () => ({ Authorization: `Bearer ${++calls}` }) }));
      expect(error).toMatchObject({ name: "SseResponseError", status: 401, retryable: false });
      expect(JSON.parse((error as SseResponseError).body)).toEqual({ code: "unauthorized" });
      expect(calls).toBe(2);
      expect(server.requests).toHaveLength(2);
    });

    it("fails at once when the headers are fixed, as asking again cannot help", async () => {
      const server = await serve((_request, response) => answer(response, 401));
      const { error } = await drain(stream(server.url(), { ...fast, headers: { Authorization: "Bearer x" } }));
      expect(error).toMatchObject({ status: 401 });
      expect(server.requests).toHaveLength(1);
    });

    it("may refresh again after a healthy connection, when a later token expires", async () => {
      const server = await serve((request, response, index) => {
        if (index === 1 || index === 3) {
          answer(response, 401);
          return;
        }
        openStream(response);
        response.end(`data: ${request.headers.authorization}\n\n`);
      });
      let calls = 0;
      const events = await take(stream(server.url(), { ...fast, headers: () => ({ Authorization: `t${++calls}` }) }), 3);
      expect(events.map((event) => event.data)).toEqual(["t1", "t3", "t5"]);
    });
  });

  describe("redirects", () => {
    it("follows a same-origin redirect with the caller's headers, and reconnects to the original URL", async () => {
      const server = await serve((request, response, index) => {
        if (request.url === "/stream") {
          answer(response, 302, { location: "/moved" });
          return;
        }
        openStream(response);
        response.end(`id: ${index}\ndata: ${request.headers.authorization}\n\n`);
      });
      const events = await take(stream(server.url(), { ...fast, headers: { Authorization: "Bearer a" } }), 2);
      expect(events.map((event) => event.data)).toEqual(["Bearer a", "Bearer a"]);
      expect(server.requests.map((request) => request.path)).toEqual(["/stream", "/moved", "/stream", "/moved"]);
      expect(server.requests[3]?.lastEventId).toBe("1");
    });

    it.each([301, 303, 307, 308])("follows %i", async (status) => {
      const server = await serve((request, response) => {
        if (request.url === "/stream") answer(response, status, { location: "/moved" });
        else {
          openStream(response);
          response.write("data: there\n\n");
        }
      });
      const events = await take(stream(server.url(), fast), 1);
      expect(events[0]?.data).toBe("there");
    });

    it("does not restore the headers when a redirect chain comes back to the original origin", async () => {
      const server = await serve((request, response) => {
        if (request.url === "/final") {
          openStream(response);
          response.write("data: home\n\n");
        } else {
          answer(response, 302, { location: other.url("/bounce") });
        }
      });
      const other = await serve((_request, response) => answer(response, 302, { location: server.url("/final") }));
      await take(stream(server.url(), { ...fast, headers: { Authorization: "Bearer sekrit" } }), 1);
      expect(server.requests.map((request) => [request.path, request.headers.authorization])).toEqual([
        ["/stream", "Bearer sekrit"],
        ["/final", undefined],
      ]);
    });

    it("fails on 300 and 304, which are not redirects", async () => {
      for (const status of [300, 304]) {
        const server = await serve((_request, response) => answer(response, status, { location: "/x" }));
        const { error } = await drain(stream(server.url(), fast));
        expect(error).toMatchObject({ status });
      }
    });
  });

  describe("the headers function's argument", () => {
    it("is { unauthorized: false } before every connection, and true exactly once after a 401", async () => {
      const server = await serve((request, response, index) => {
        if (request.headers.authorization === "stale") {
          answer(response, 401, { "content-type": "application/json" }, '{"code":"token_expired"}');
          return;
        }
        openStream(response);
        response.end(`id: ${index}\ndata: ${index}\n\n`);
      });
      const calls: HeadersInfo[] = [];
      // The second connection's token has expired: the server refuses it once.
      const tokens = ["fresh", "stale", "refreshed", "fresh"];
      const headers = (info: HeadersInfo): Record<string, string> => ({ Authorization: tokens[calls.push(info) - 1] ?? "fresh" });
      const events = await take(stream(server.url(), { ...fast, headers }), 3);
      expect(events.map((event) => event.data)).toEqual(["0", "2", "3"]);
      expect(calls).toEqual([{ unauthorized: false }, { unauthorized: false }, { unauthorized: true }, { unauthorized: false }]);
      expect(server.requests.map((request) => request.headers.authorization)).toEqual(["fresh", "stale", "refreshed", "fresh"]);
    });

    it("is false again on a reconnect after the retry that followed a 401", async () => {
      const plan = [401, 503, 200];
      const server = await serve((_request, response, index) => {
        if (plan[index] !== 200) answer(response, plan[index] ?? 204);
        else {
          openStream(response);
          response.write("data: up\n\n");
        }
      });
      const calls: HeadersInfo[] = [];
      const events = await take(
        stream(server.url(), {
          ...fast,
          headers: (info) => {
            calls.push(info);
            return {};
          },
        }),
        1,
      );
      expect(events.map((event) => event.data)).toEqual(["up"]);
      expect(calls).toEqual([{ unauthorized: false }, { unauthorized: true }, { unauthorized: false }]);
    });

    it("is true on the one extra call when the refreshed credentials are refused too", async () => {
      const server = await serve((_request, response) => answer(response, 401));
      const calls: HeadersInfo[] = [];
      const { error } = await drain(
        stream(server.url(), {
          ...fast,
          headers: async (info) => {
            calls.push(info);
            return {};
          },
        }),
      );
      expect(error).toMatchObject({ name: "SseResponseError", status: 401 });
      expect(calls).toEqual([{ unauthorized: false }, { unauthorized: true }]);
    });
  });

  describe("arguments", () => {
    it("rejects a relative URL and out-of-range options at once", () => {
      expect(() => stream("/relative")).toThrow(TypeError);
      expect(() => stream("http://127.0.0.1/", { idleTimeout: -1 })).toThrow(/idleTimeout/);
      expect(() => stream("http://127.0.0.1/", { maxEventSize: 0 })).toThrow(/maxEventSize/);
      expect(() => stream("http://127.0.0.1/", { backoff: { baseMs: Number.NaN } })).toThrow(/backoff.baseMs/);
      expect(() => stream("http://127.0.0.1/", { backoff: { capMs: -5 } })).toThrow(RangeError);
      expect(() => stream("http://127.0.0.1/", { maxRetryAfterMs: Number.POSITIVE_INFINITY })).toThrow(/maxRetryAfterMs/);
    });

    it("asks for a fetch at once in a runtime without one", () => {
      const original = globalThis.fetch;
      try {
        Reflect.deleteProperty(globalThis, "fetch");
        expect(() => stream("http://127.0.0.1/")).toThrow(/fetch option/);
        expect(() => stream("http://127.0.0.1/", { fetch: original })).not.toThrow();
      } finally {
        globalThis.fetch = original;
      }
    });

    it("accepts a URL object and requests nothing until iteration starts", async () => {
      const server = await serve((_request, response) => answer(response, 204));
      const iterable = stream(new URL(server.url()));
      await new Promise((resolve) => setTimeout(resolve, 30));
      expect(server.requests).toHaveLength(0);
      expect(await drain(iterable)).toEqual({ items: [], error: undefined });
      expect(server.requests).toHaveLength(1);
    });
  });
});

describe("streamEvents' own redirects", () => {
  it("sends none of the caller's headers to another origin, but still Accept and Last-Event-ID", async () => {
    const other = await serve((_request, response) => {
      openStream(response);
      response.write("data: elsewhere\n\n");
    });
    const server = await serve((_request, response) => answer(response, 307, { location: other.url("/there") }));
    const events = await take(streamEvents(server.url(), { ...fast, lastEventId: "9", headers: { Authorization: "Bearer sekrit", "X-Api-Key": "k" } }), 1);
    expect(events[0]?.data).toBe("elsewhere");
    expect(server.requests[0]?.headers.authorization).toBe("Bearer sekrit");
    const forwarded = other.requests[0]?.headers;
    expect(forwarded?.authorization).toBeUndefined();
    expect(forwarded?.["x-api-key"]).toBeUndefined();
    expect(forwarded?.accept).toBe("text/event-stream");
    expect(other.requests[0]?.lastEventId).toBe("9");
  });

  it.each([
    ["no Location", {}],
    ["an unparsable Location", { location: "http://[::1" }],
    ["a non-HTTP Location", { location: "mailto:someone@example.com" }],
  ])("fails on a redirect with %s", async (_case, headers: Record<string, string>) => {
    const server = await serve((_request, response) => answer(response, 302, headers, "moved"));
    const { error } = await drain(streamEvents(server.url(), fast));
    expect(error).toMatchObject({ name: "SseResponseError", status: 302, retryable: false, body: "moved" });
    expect((error as Error).message).toMatch(/Location/);
    expect(server.requests).toHaveLength(1);
  });

  it("fails after 20 redirects, as fetch does", async () => {
    const server = await serve((request, response) => answer(response, 302, { location: `/${Number(request.url?.slice(1)) + 1}` }));
    const { error } = await drain(streamEvents(server.url("/0"), fast));
    expect(error).toMatchObject({ name: "SseResponseError", status: 302 });
    expect((error as Error).message).toMatch(/20 redirects/);
    expect(server.requests).toHaveLength(21);
  });
});

describe("fetchEventStream's redirects, which fetch follows", () => {
  it("follows a same-origin and a cross-origin redirect; the other origin does not receive Authorization", async () => {
    const other = await serve((_request, response) => {
      openStream(response);
      response.write("data: elsewhere\n\n");
    });
    const server = await serve((request, response) => {
      if (request.url === "/stream") answer(response, 302, { location: "/moved" });
      else answer(response, 307, { location: other.url("/there") });
    });
    const events = await take(fetchEventStream(server.url(), { ...fast, lastEventId: "9", headers: { Authorization: "Bearer sekrit", "X-Tenant": "t1" } }), 1);
    expect(events[0]?.data).toBe("elsewhere");
    expect(server.requests.map((request) => [request.path, request.headers.authorization])).toEqual([
      ["/stream", "Bearer sekrit"],
      ["/moved", "Bearer sekrit"],
    ]);
    const forwarded = other.requests[0]?.headers;
    expect(forwarded?.authorization).toBeUndefined();
    // Fetch drops only Authorization: the reason to use streamEvents when other headers are secret.
    expect(forwarded?.["x-tenant"]).toBe("t1");
    expect(forwarded?.accept).toBe("text/event-stream");
    expect(other.requests[0]?.lastEventId).toBe("9");
  });

  it("asks fetch to follow redirects, and sends no credentials mode of its own", async () => {
    const calls: RequestInit[] = [];
    const fetch = async (_url: string, init: RequestInit): Promise<Response> => {
      calls.push(init);
      return new Response("data: x\n\n", { headers: { "content-type": "text/event-stream" } });
    };
    await take(fetchEventStream("http://sse.test/", { fetch }), 1);
    // No mode of its own means fetch's default, "follow".
    expect(calls[0]?.redirect ?? "follow").toBe("follow");
    expect(calls[0]?.credentials).toBeUndefined();
  });

  it("ends with SseResponseError on a redirect without a Location, which fetch returns as the answer", async () => {
    const server = await serve((_request, response) => answer(response, 302, {}, "moved"));
    const { error } = await drain(fetchEventStream(server.url(), fast));
    expect(error).toMatchObject({ name: "SseResponseError", status: 302, retryable: false, body: "moved" });
    expect(server.requests).toHaveLength(1);
  });

  it.each([
    // Fetch gives up after 20 redirects; the requests after that chain stream.
    ["a redirect loop", 21, (path: string) => (path === "/a" ? "/b" : "/a")],
    ["a non-HTTP Location", 1, () => "mailto:someone@example.com"],
  ])("reconnects after %s, which fetch fails as a network error", async (_case, redirecting, location) => {
    const server = await serve((request, response, index) => {
      if (index < redirecting) answer(response, 302, { location: location(request.url ?? "") });
      else {
        openStream(response);
        response.write("data: back\n\n");
      }
    });
    const events = await take(fetchEventStream(server.url("/a"), fast), 1);
    expect(events[0]?.data).toBe("back");
    expect(server.requests.length).toBeGreaterThan(redirecting);
  });
});
