import { describe, expect, it } from "vitest";
import type { Sandbox } from "../src/index.ts";
import { resolveOptions } from "../src/sandbox-options.ts";
import { call, quietSandbox, schemaErrors } from "./helpers.ts";
import { keepWriting, rawExchange, rawRequest } from "./raw-http.ts";

const messagesPath = (sandbox: Sandbox) => `/v1/conversations/${sandbox.conversationId}/messages`;

function head(sandbox: Sandbox, requestLine: string, headers: Record<string, string> = {}): string {
  const lines = Object.entries({ Host: "sandbox", Authorization: `Bearer ${sandbox.memberToken}`, ...headers }).map(([name, value]) => `${name}: ${value}\r\n`);
  return `${requestLine}\r\n${lines.join("")}\r\n`;
}

describe("request time limits", () => {
  it("answers headers that stop arriving with 408 request_timeout, as nginx's client_header_timeout", async () => {
    const sandbox = await quietSandbox({ headersTimeoutMs: 300 });
    const { response } = await rawRequest(sandbox.baseUrl, "GET /v1/conversations HTTP/1.1\r\nHost: sandbox\r\n");
    expect(response.status).toBe(408);
    expect(response.body).toMatchObject({ code: "request_timeout", retryable: true, message: expect.stringMatching(/headers/) });
    expect(schemaErrors("ApiError", response.body)).toEqual([]);
    expect(response.headers.get("connection")).toBe("close");
  });

  it("answers a body that stops arriving with 408 request_timeout, and writes nothing", async () => {
    const sandbox = await quietSandbox({ bodyTimeoutMs: 300 });
    const before = sandbox.inspect.messages(sandbox.conversationId).length;
    const partial = `${head(sandbox, `POST ${messagesPath(sandbox)} HTTP/1.1`, { "Content-Type": "application/json", "Content-Length": "40" })}{"message":`;
    const { response } = await rawRequest(sandbox.baseUrl, partial);
    expect(response.status).toBe(408);
    expect(response.body).toMatchObject({ code: "request_timeout", retryable: true, message: expect.stringMatching(/body did not arrive within 300 ms/) });
    expect(response.headers.get("connection")).toBe("close");
    expect(sandbox.inspect.messages(sandbox.conversationId)).toHaveLength(before);
  });

  it("has nginx's 60-second limits by default: a request that pauses between its parts is still served", async () => {
    expect(resolveOptions({})).toMatchObject({
      headersTimeoutMs: 60_000,
      bodyTimeoutMs: 60_000,
      maxHeaderBytes: 16_384,
      maxBodyBytes: 65_536,
      maxStreamsPerMember: 50,
    });
    const sandbox = await quietSandbox();
    const body = JSON.stringify({ message: "after a pause" });
    const pause = () => new Promise((resolve) => setTimeout(resolve, 400));
    const { response } = await rawExchange(sandbox.baseUrl, async (socket) => {
      socket.write(`POST ${messagesPath(sandbox)} HTTP/1.1\r\nHost: sandbox\r\n`);
      await pause();
      socket.write(
        `Authorization: Bearer ${sandbox.memberToken}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`,
      );
      await pause();
      socket.write(body);
    });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ ok: true });
  });
});

describe("request size limits", () => {
  it("answers a body over 64 KiB with 413 content_too_large before reading it", async () => {
    const sandbox = await quietSandbox();
    const response = await call(sandbox, messagesPath(sandbox), { method: "POST", token: sandbox.memberToken, json: { message: "x".repeat(70_000) } });
    expect(response.status).toBe(413);
    expect(response.body).toMatchObject({ code: "content_too_large", retryable: false, message: "the request body is larger than 65536 bytes" });
    expect(response.headers.get("connection")).toBe("close");
  });

  it("stops a chunked body, which declares no length, as soon as it passes the limit", async () => {
    const sandbox = await quietSandbox({ maxBodyBytes: 1024 });
    const chunk = Buffer.from(`400\r\n${"x".repeat(1024)}\r\n`);
    const { response, written } = await rawExchange(sandbox.baseUrl, (socket) => {
      socket.write(head(sandbox, `POST ${messagesPath(sandbox)} HTTP/1.1`, { "Content-Type": "application/json", "Transfer-Encoding": "chunked" }));
      keepWriting(socket, chunk);
    });
    expect(response.status).toBe(413);
    expect(response.body).toMatchObject({ code: "content_too_large", message: "the request body is larger than 1024 bytes" });
    // The server stopped reading and closed: the client got nowhere near an unbounded upload.
    expect(written).toBeLessThan(64 * 1024 * 1024);
  });

  it("takes a body up to the limit: 60 KiB reaches validation", async () => {
    const sandbox = await quietSandbox();
    const response = await call(sandbox, messagesPath(sandbox), {
      method: "POST",
      token: sandbox.memberToken,
      json: { message: "hi", padding: "x".repeat(60_000) },
    });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: "invalid_request", param: "padding" });
  });

  it("answers headers over 16 KiB with 431 headers_too_large, and takes a smaller limit as an option", async () => {
    const sandbox = await quietSandbox();
    const fits = await call(sandbox, "/v1/conversations", { token: sandbox.memberToken, headers: { "X-Padding": "p".repeat(12_000) } });
    expect(fits.status).toBe(200);
    const over = await rawRequest(sandbox.baseUrl, head(sandbox, "GET /v1/conversations HTTP/1.1", { "X-Padding": "p".repeat(17_000) }));
    expect(over.response.status).toBe(431);
    expect(over.response.body).toMatchObject({ code: "headers_too_large", retryable: false });

    const small = await quietSandbox({ maxHeaderBytes: 4096 });
    const refused = await rawRequest(small.baseUrl, head(small, "GET /v1/conversations HTTP/1.1", { "X-Padding": "p".repeat(5000) }));
    expect(refused.response.status).toBe(431);
  });
});

describe("bodies where none belongs", () => {
  it("answers a GET declaring a 1 GB body with 413 at once, without reading it", async () => {
    const sandbox = await quietSandbox();
    const megabyte = Buffer.alloc(1024 * 1024, "x");
    const { response, written } = await rawExchange(sandbox.baseUrl, (socket) => {
      socket.write(head(sandbox, "GET /v1/conversations HTTP/1.1", { "Content-Length": String(1024 ** 3) }));
      keepWriting(socket, megabyte);
    });
    expect(response.status).toBe(413);
    expect(response.body).toMatchObject({ code: "content_too_large", message: "GET /v1/conversations takes no request body; send none" });
    expect(response.headers.get("connection")).toBe("close");
    expect(written).toBeLessThan(256 * 1024 * 1024);
  });

  it("refuses a chunked body on a GET once its first byte arrives", async () => {
    const sandbox = await quietSandbox();
    const { response } = await rawRequest(
      sandbox.baseUrl,
      `${head(sandbox, "GET /v1/conversations HTTP/1.1", { "Transfer-Encoding": "chunked" })}5\r\nhello\r\n0\r\n\r\n`,
    );
    expect(response.status).toBe(413);
    expect(response.body.code).toBe("content_too_large");
  });

  it("answers an unauthenticated request without reading its body, and closes the connection", async () => {
    const sandbox = await quietSandbox();
    const { response } = await rawRequest(
      sandbox.baseUrl,
      `POST ${messagesPath(sandbox)} HTTP/1.1\r\nHost: sandbox\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{`,
    );
    expect(response.status).toBe(401);
    expect(response.headers.get("connection")).toBe("close");
  });

  it("serves a GET whose chunked body is empty, and the stream route refuses a body too", async () => {
    const sandbox = await quietSandbox();
    const empty = await rawRequest(
      sandbox.baseUrl,
      `${head(sandbox, "GET /v1/conversations HTTP/1.1", { "Transfer-Encoding": "chunked", Connection: "close" })}0\r\n\r\n`,
    );
    expect(empty.response.status).toBe(200);
    const stream = await rawRequest(
      sandbox.baseUrl,
      head(sandbox, `GET /v1/conversations/${sandbox.conversationId}/stream HTTP/1.1`, { "Content-Length": "5" }),
    );
    expect(stream.response.status).toBe(413);
  });
});

describe("limit options", () => {
  it.each([
    [{ maxBodyBytes: 0 }, /maxBodyBytes/],
    [{ maxHeaderBytes: 100 }, /maxHeaderBytes/],
    [{ headersTimeoutMs: 0 }, /headersTimeoutMs/],
    [{ bodyTimeoutMs: 1.5 }, /bodyTimeoutMs/],
    [{ maxStreamsPerMember: 0 }, /maxStreamsPerMember/],
  ])("rejects %j with a TypeError naming it", async (options, message) => {
    await expect(quietSandbox(options)).rejects.toThrow(message);
    await expect(quietSandbox(options)).rejects.toBeInstanceOf(TypeError);
  });
});
