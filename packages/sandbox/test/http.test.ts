import { describe, expect, it } from "vitest";
import type { ErrorCode } from "../src/index.ts";
import { call, document, quietSandbox, schemaErrors, send, waitUntil, type JsonResponse } from "./helpers.ts";
import { rawRequest } from "./raw-http.ts";
import type { Sandbox } from "../src/index.ts";

const errorTable: { code: ErrorCode; status: number; retryable: boolean }[] = document.components.schemas.ErrorCode["x-expys-error-codes"];

describe("every response", () => {
  it("carries X-Request-Id, equal to requestId in error bodies, and unique per request", async () => {
    const sandbox = await quietSandbox();
    const ok = await call(sandbox, "/v1/conversations", { token: sandbox.memberToken });
    const error = await call(sandbox, "/v1/conversations");
    const ids = [ok.headers.get("x-request-id"), error.headers.get("x-request-id")];
    expect(ids[0]).toMatch(/^req_[0-9a-f]{32}$/);
    expect(error.body.requestId).toBe(ids[1]);
    expect(new Set(ids).size).toBe(2);
  });

  it("answers an unknown route with not_found and a known route's wrong method with method_not_allowed", async () => {
    const sandbox = await quietSandbox();
    for (const path of ["/", "/v2/conversations", "/v1/conversations/", "/v1/conversations/x/messages/y"]) {
      const response = await call(sandbox, path, { token: sandbox.memberToken });
      expect(response.status).toBe(404);
      expect(response.body).toMatchObject({ code: "not_found", retryable: false });
      expect(schemaErrors("ApiError", response.body)).toEqual([]);
    }
    const wrong = await call(sandbox, "/v1/conversations/x/messages", { method: "DELETE", token: sandbox.memberToken });
    expect(wrong.status).toBe(405);
    expect(wrong.body).toMatchObject({ code: "method_not_allowed", retryable: false });
    expect(wrong.headers.get("allow")).toBe("GET, POST");
    expect((await call(sandbox, "/v1/auth/exchange")).headers.get("allow")).toBe("POST");
  });
});

describe("requests Node's HTTP parser rejects", () => {
  it.each([
    ["malformed syntax", "GARBAGE\r\n\r\n", 400, "invalid_request", /not valid HTTP/],
    ["oversized headers", `GET /v1/conversations HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`, 431, "headers_too_large", /too large/],
  ])("get a taxonomy body for %s", async (_name, bytes, status, code, message) => {
    const sandbox = await quietSandbox();
    const { response } = await rawRequest(sandbox.baseUrl, bytes);
    expect(response.status).toBe(status);
    expect(response.headers.get("x-request-id")).toMatch(/^req_/);
    expect(response.headers.get("connection")).toBe("close");
    expect(response.body).toMatchObject({ code, retryable: false, message: expect.stringMatching(message) });
    expect(response.body.requestId).toBe(response.headers.get("x-request-id"));
  });
});

describe("CORS", () => {
  it("answers a preflight with the methods and the API's request headers", async () => {
    const sandbox = await quietSandbox();
    const response = await fetch(`${sandbox.baseUrl}/v1/conversations/x/messages`, {
      method: "OPTIONS",
      headers: {
        Origin: "http://app.example",
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization, idempotency-key, content-type",
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(response.headers.get("access-control-allow-methods")).toBe("GET, POST, OPTIONS");
    const allowed = response.headers.get("access-control-allow-headers")?.split(", ");
    expect(allowed).toEqual(
      expect.arrayContaining(["Authorization", "Content-Type", "Idempotency-Key", "Last-Event-ID", "Org-API-Key", "X-Expys-Client", "Cache-Control"]),
    );
    expect(response.headers.get("x-request-id")).toMatch(/^req_/);
  });

  it("exposes the request id and retry headers on every response, errors included", async () => {
    const sandbox = await quietSandbox();
    for (const response of [await call(sandbox, "/v1/conversations", { token: sandbox.memberToken }), await call(sandbox, "/nope")]) {
      expect(response.headers.get("access-control-allow-origin")).toBe("*");
      expect(response.headers.get("access-control-expose-headers")).toBe("X-Request-Id, Retry-After, Idempotent-Replayed");
    }
  });

  it("keeps the key exchange closed to browsers unless the page opts in", async () => {
    const sandbox = await quietSandbox();
    const preflight = (requestHeaders: string) =>
      fetch(`${sandbox.baseUrl}/v1/auth/exchange`, {
        method: "OPTIONS",
        headers: { Origin: "http://app.example", "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": requestHeaders },
      });
    const closed = await preflight("org-api-key, content-type");
    expect(closed.status).toBe(204);
    expect(closed.headers.get("access-control-allow-origin")).toBeNull();
    expect(closed.headers.get("access-control-allow-headers")).toBeNull();

    const open = await preflight("org-api-key, content-type, expys-dangerous-direct-browser-access");
    expect(open.headers.get("access-control-allow-origin")).toBe("*");
    expect(open.headers.get("access-control-allow-headers")?.split(", ")).toEqual(
      expect.arrayContaining(["Org-API-Key", "Content-Type", "Expys-Dangerous-Direct-Browser-Access"]),
    );

    const headers = { "Org-API-Key": sandbox.orgApiKey, Origin: "http://app.example" };
    const plain = await call(sandbox, "/v1/auth/exchange", { method: "POST", json: {}, headers });
    expect(plain.status).toBe(200);
    expect(plain.headers.get("access-control-allow-origin")).toBeNull();
    const optedIn = await call(sandbox, "/v1/auth/exchange", {
      method: "POST",
      json: {},
      headers: { ...headers, "Expys-Dangerous-Direct-Browser-Access": "true" },
    });
    expect(optedIn.headers.get("access-control-allow-origin")).toBe("*");
    expect(optedIn.headers.get("access-control-expose-headers")).toContain("X-Request-Id");
  });

  it("answers a preflight for an unknown route with not_found", async () => {
    const sandbox = await quietSandbox();
    const response = await call(sandbox, "/v1/nothing", { method: "OPTIONS" });
    expect(response.status).toBe(404);
    expect(response.body.code).toBe("not_found");
  });
});

/** One way to provoke each code of the taxonomy over HTTP. */
const provokers: Record<ErrorCode, (sandbox: Sandbox) => Promise<JsonResponse>> = {
  invalid_request: (sandbox) => call(sandbox, `/v1/conversations/${sandbox.conversationId}/messages?limit=0`, { token: sandbox.memberToken }),
  unauthorized: (sandbox) => call(sandbox, "/v1/conversations"),
  token_expired: (sandbox) => call(sandbox, "/v1/conversations", { token: sandbox.mintToken({ externalUserID: "demo-member", ttlMs: 0 }) }),
  forbidden: (sandbox) => call(sandbox, "/v1/conversations?externalUserID=other", { token: sandbox.memberToken }),
  not_found: (sandbox) => call(sandbox, "/v1/conversations/cnv_nope/messages", { token: sandbox.memberToken }),
  method_not_allowed: (sandbox) => call(sandbox, "/v1/conversations", { method: "PUT", token: sandbox.memberToken }),
  idempotency_conflict: async (sandbox) => {
    await send(sandbox, "one", "conflicting");
    return send(sandbox, "two", "conflicting");
  },
  idempotency_in_progress: async (sandbox) => {
    const held = sandbox.faults.add({ operation: "sendMessage", times: 1, action: { type: "latency", ms: 60_000 } });
    // Closing the sandbox after the test wakes the held request; its outcome does not matter here.
    send(sandbox, "held", "in-flight").catch(() => undefined);
    await waitUntil(() => held.injected === 1, "the first send is held");
    return send(sandbox, "held", "in-flight");
  },
  request_timeout: async (sandbox) => {
    const path = `/v1/conversations/${sandbox.conversationId}/messages`;
    const head = `POST ${path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${sandbox.memberToken}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n`;
    return (await rawRequest(sandbox.baseUrl, `${head}{"message":`)).response;
  },
  content_too_large: async (sandbox) => {
    const head = `GET /v1/conversations HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${sandbox.memberToken}\r\nContent-Length: 1073741824\r\n\r\n`;
    return (await rawRequest(sandbox.baseUrl, head)).response;
  },
  headers_too_large: async (sandbox) => {
    const head = `GET /v1/conversations HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${sandbox.memberToken}\r\nCookie: ${"c".repeat(20_000)}\r\n\r\n`;
    return (await rawRequest(sandbox.baseUrl, head)).response;
  },
  rate_limited: (sandbox) => {
    sandbox.faults.add({ times: 1, action: { type: "status", status: 429 } });
    return call(sandbox, "/v1/conversations", { token: sandbox.memberToken });
  },
  internal_error: (sandbox) => {
    sandbox.faults.add({ times: 1, action: { type: "status", status: 500 } });
    return call(sandbox, "/v1/conversations", { token: sandbox.memberToken });
  },
  service_unavailable: (sandbox) => {
    sandbox.faults.add({ times: 1, action: { type: "status", status: 503, retryAfter: 2 } });
    return call(sandbox, "/v1/conversations", { token: sandbox.memberToken });
  },
};

describe("the error taxonomy", () => {
  it("has a provoker for every code of the spec's table", () => {
    expect(Object.keys(provokers).sort()).toEqual(errorTable.map((row) => row.code).sort());
  });

  it.each(errorTable)("answers $code with $status, retryable $retryable, a valid body and a request id", async (row) => {
    const sandbox = await quietSandbox({ bodyTimeoutMs: 200 });
    const response = await provokers[row.code](sandbox);
    expect(response.status).toBe(row.status);
    expect(response.body).toMatchObject({ code: row.code, retryable: row.retryable });
    expect(schemaErrors("ApiError", response.body)).toEqual([]);
    expect(response.body.requestId).toBe(response.headers.get("x-request-id"));
    expect(response.body.message.length).toBeGreaterThan(0);
    expect(response.body.message).not.toContain(sandbox.memberToken);
    if (row.status === 429) expect(Number(response.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
  });
});
