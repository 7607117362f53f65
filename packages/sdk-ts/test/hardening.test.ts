// What an adversarial probe found in the SDK's requests (issue 13), each over
// real HTTP on 127.0.0.1: a route changed by a path value, a hang on a body
// that never ends, credentials in printed errors, a bad baseUrl, a write
// redirected into a read, and a proxy's page mistaken for an API error.
import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { inspect } from "node:util";
import type { Sandbox } from "@expys/sandbox";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ExpysApiError, ExpysArgumentError, ExpysConnectionError, ExpysTimeoutError, initialize } from "../src/index.ts";
import { followRedirects } from "../src/runtime/follow-redirects.ts";
import { clientOf, quietSandbox, recordingFetch } from "./support.ts";

/** A server on 127.0.0.1 that hands each request to `handle`, recording what arrived. */
async function serve(handle: (path: string, response: ServerResponse) => void) {
  const received: { method: string; path: string; headers: IncomingHttpHeaders }[] = [];
  const server = createServer((request, response) => {
    received.push({ method: request.method ?? "", path: request.url ?? "", headers: request.headers });
    request.resume();
    handle(request.url ?? "", response);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    received,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const json = (response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
  response.writeHead(status, { "Content-Type": "application/json", ...headers }).end(JSON.stringify(body));
};

describe("requests under hostile input and answers", () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await quietSandbox();
  });
  afterAll(() => sandbox.close());

  it.each([".", "..", ""])("refuses the path parameter %j before any request, so the route cannot change", async (id) => {
    const { fetch, sent } = recordingFetch();
    const error = await clientOf(sandbox, { fetch })
      .listMessages(id)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ExpysArgumentError);
    expect((error as Error).message).toBe('path parameter "id" cannot be "", "." or ".."');
    expect(sent).toHaveLength(0);
  });

  it.each([
    ["a token outside Latin-1", { token: "tok€n" }, "authorization", "U+20AC"],
    ["a token with a NUL", { token: "tok\0" }, "authorization", "U+0000"],
    ["a client header with a line break", { headers: { "X-Trace": "a\rb" } }, "x-trace", "U+000D"],
    ["a client header with a character beyond the BMP, named whole", { headers: { "X-Trace": "ok \u{1F600}" } }, "x-trace", "U+1F600"],
  ])("refuses %s at once, naming the header and never the value", async (_, options, header, character) => {
    const { fetch, sent } = recordingFetch();
    const error = await clientOf(sandbox, { fetch, ...options })
      .listConversations()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ExpysArgumentError);
    expect((error as Error).message).toContain(`the ${header} header cannot carry ${character}`);
    expect((error as Error).message).not.toContain("tok");
    expect(sent).toHaveLength(0);
  });

  it("refuses an idempotency key outside Latin-1 instead of failing as a connection error after retries", async () => {
    const { fetch, sent } = recordingFetch();
    const error = await clientOf(sandbox, { fetch })
      .sendMessage(sandbox.conversationId, "hi", { idempotencyKey: "ключ" })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ExpysArgumentError);
    expect((error as Error).message).toContain("the idempotency-key header cannot carry U+043A");
    expect(sent).toHaveLength(0);
  });

  it("refuses a Last-Event-ID that HTTP cannot carry, before connecting", async () => {
    const { fetch, sent } = recordingFetch();
    expect(() => clientOf(sandbox, { fetch }).streamMessages(sandbox.conversationId, { lastEventID: "7\r\nX-Injected: 1" })).toThrow(
      new ExpysArgumentError("the last-event-id header cannot carry U+000D"),
    );
    expect(sent).toHaveLength(0);
  });

  it("ends a call whose 200 body never finishes with ExpysTimeoutError, by default", async () => {
    const stalling = await serve((_, response) => {
      response.writeHead(200, { "Content-Type": "application/json" });
      response.write('{"conversations": [');
    });
    try {
      const expys = initialize({ baseUrl: stalling.url, environment: "sandbox", token: "t", maxRetries: 0, logLevel: "off", timeout: 500 });
      const error = await expys.listConversations().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ExpysTimeoutError);
      expect((error as Error).message).toBe("GET /v1/conversations: no complete answer within 500 ms");
    } finally {
      await stalling.close();
    }
  });

  it("bounds every attempt by one minute when the caller sets no timeout", async () => {
    const scheduled = vi.spyOn(globalThis, "setTimeout");
    try {
      await clientOf(sandbox).listConversations();
      expect(scheduled.mock.calls.map((call) => call[1])).toContain(60_000);
    } finally {
      scheduled.mockRestore();
    }
  });

  it("redacts a credential that a response header echoes, wherever the error is printed or serialised", async () => {
    const echoing = await serve((_, response) =>
      json(response, 403, { code: "forbidden", message: "no", requestId: "r1", retryable: false }, { "X-Echo": "Bearer s3cret-token-value" }),
    );
    try {
      const expys = initialize({ baseUrl: echoing.url, environment: "sandbox", token: "s3cret-token-value", logLevel: "off" });
      const error = (await expys.listConversations().catch((caught: unknown) => caught)) as ExpysApiError;
      expect(error).toBeInstanceOf(ExpysApiError);
      expect(error.headers.get("x-echo")).toBe("Bearer [redacted]");
      for (const printed of [inspect(error, { depth: 5 }), JSON.stringify(error), String(error), error.stack ?? ""]) {
        expect(printed).not.toContain("s3cret-token-value");
      }
    } finally {
      await echoing.close();
    }
  });

  it("redacts a one-character token without mangling the rest of a message", async () => {
    const answering = await serve((_, response) =>
      json(response, 400, { code: "invalid_request", message: "this bearer token, a, was refused", requestId: "r", retryable: false }),
    );
    try {
      const expys = initialize({ baseUrl: answering.url, environment: "sandbox", token: "a", logLevel: "off" });
      const error = (await expys.listConversations().catch((caught: unknown) => caught)) as ExpysApiError;
      expect(error.message).toBe("this bearer token, [redacted], was refused");
    } finally {
      await answering.close();
    }
  });

  it.each([
    ["without a scheme", "127.0.0.1:4010", 'baseUrl "127.0.0.1:4010" is not an absolute http(s) URL without credentials'],
    ["of another scheme", "ftp://example.com", 'baseUrl "ftp://example.com" is not an absolute http(s) URL without credentials'],
    ["with a password", "https://user:hunter2@api.example.com", "baseUrl is not an absolute http(s) URL without credentials"],
  ])("refuses a baseUrl %s when the client is made, with a typed error that never shows a password", (_, baseUrl, message) => {
    const make = () => initialize({ baseUrl, environment: "sandbox", token: "t" });
    expect(make).toThrow(ExpysArgumentError);
    expect(make).toThrow(message);
    expect(() => make()).not.toThrow(/hunter2/);
  });

  it("refuses an environment the API does not have, naming the ones it has, unless a baseUrl is given", () => {
    const unknown = { environment: "staging", token: "t" } as unknown as Parameters<typeof initialize>[0];
    expect(() => initialize(unknown)).toThrow(new ExpysArgumentError('environment "staging" is not one of production,sandbox'));
    expect(initialize({ ...unknown, baseUrl: "https://staging.example" }).listConversations).toBeTypeOf("function");
  });

  it.each([
    [{ maxRetryAfterMs: -1 }, "maxRetryAfterMs"],
    [{ backoff: { baseMs: Number.NaN } }, "backoff.baseMs"],
    [{ backoff: { capMs: 1.5 } }, "backoff.capMs"],
  ])("refuses %o when the client is made, naming the option", (options, name) => {
    expect(() => initialize({ environment: "sandbox", token: "t", ...options })).toThrow(new ExpysArgumentError(`${name} must be a whole number >= 0`));
  });

  it.each([
    [{ maxRetries: -1 }, "maxRetries"],
    [{ timeout: Number.POSITIVE_INFINITY }, "timeout"],
  ])("refuses a call with %o before sending anything, naming the option", async (options, name) => {
    const { fetch, sent } = recordingFetch();
    await expect(clientOf(sandbox, { fetch }).listConversations({}, options)).rejects.toThrow(new ExpysArgumentError(`${name} must be a whole number >= 0`));
    expect(sent).toHaveLength(0);
  });

  it("names the host and the cause when a connection fails", async () => {
    const closed = await serve(() => undefined);
    await closed.close();
    const expys = initialize({ baseUrl: closed.url, environment: "sandbox", token: "t", maxRetries: 0, logLevel: "off" });
    const error = await expys.listConversations().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ExpysConnectionError);
    expect((error as Error).message).toBe(`GET /v1/conversations: could not reach ${new URL(closed.url).host} (ECONNREFUSED)`);
  });

  it.each([301, 302, 303])("never turns a send answered %i into a GET of the redirect's target", async (status) => {
    const target = await serve((_, response) => json(response, 200, { ok: true }));
    const redirecting = await serve((_, response) => response.writeHead(status, { Location: `${target.url}/elsewhere` }).end());
    try {
      const expys = initialize({ baseUrl: redirecting.url, environment: "sandbox", token: "t", logLevel: "off" });
      const error = await expys.sendMessage("c1", "hello").catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ExpysApiError);
      expect(error).toMatchObject({ status, code: "unknown", retryable: false });
      expect(redirecting.received.map((request) => request.method)).toEqual(["POST"]);
      expect(target.received).toHaveLength(0);
    } finally {
      await Promise.all([target.close(), redirecting.close()]);
    }
  });

  it("maps only the API's own error bodies to taxonomy codes: a proxy's HTML 409 is unknown", async () => {
    const proxy = await serve((_, response) => response.writeHead(409, { "Content-Type": "text/html" }).end("<html><h1>409 Conflict</h1></html>"));
    try {
      const expys = initialize({ baseUrl: proxy.url, environment: "sandbox", token: "t", logLevel: "off" });
      const error = await expys.sendMessage("c1", "hello").catch((caught: unknown) => caught);
      expect(error).toMatchObject({ status: 409, code: "unknown", retryable: false, message: "HTTP 409" });
    } finally {
      await proxy.close();
    }
  });

  it("follows a read's redirect itself for an API key, dropping the key once the origin changes", async () => {
    const elsewhere = await serve((_, response) => json(response, 200, {}));
    const redirecting = await serve((path, response) =>
      path === "/start" ? response.writeHead(302, { Location: "/moved" }).end() : response.writeHead(307, { Location: `${elsewhere.url}/final` }).end(),
    );
    try {
      const response = await followRedirects(fetch, `${redirecting.url}/start`, { method: "GET", headers: { "org-api-key": "k" } }, "org-api-key");
      expect(response.status).toBe(200);
      expect(redirecting.received.map((request) => [request.path, request.headers["org-api-key"]])).toEqual([
        ["/start", "k"],
        ["/moved", "k"],
      ]);
      expect(elsewhere.received.map((request) => [request.path, request.headers["org-api-key"]])).toEqual([["/final", undefined]]);
    } finally {
      await Promise.all([elsewhere.close(), redirecting.close()]);
    }
  });
});
