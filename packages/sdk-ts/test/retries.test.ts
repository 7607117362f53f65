import type { Sandbox } from "@expys/sandbox";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ExpysApiError, ExpysConnectionError } from "../src/index.ts";
import { initializeServer } from "../src/server.ts";
import { clientOf, quietSandbox, recordingFetch } from "./support.ts";

describe("retries", () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await quietSandbox();
  });
  afterEach(() => sandbox.faults.clear());
  afterAll(() => sandbox.close());

  it.each([
    [500, "status"],
    [503, "status"],
    [429, "status"],
    [408, "gateway"],
    [502, "gateway"],
    [504, "gateway"],
  ] as const)("retries a read that failed with %i", async (status, type) => {
    const { fetch, sent } = recordingFetch();
    const action = type === "status" ? ({ type, status, retryAfter: 0 } as const) : ({ type, status } as const);
    sandbox.faults.add({ operation: "listConversations", times: 2, action });
    const { conversations } = await clientOf(sandbox, { fetch }).listConversations();
    expect(conversations.length).toBeGreaterThan(0);
    expect(sent).toHaveLength(3);
  });

  it("gives up after maxRetries, with the last error typed", async () => {
    const { fetch, sent } = recordingFetch();
    sandbox.faults.add({ operation: "listConversations", action: { type: "status", status: 503 } });
    const error = await clientOf(sandbox, { fetch, maxRetries: 3 })
      .listConversations()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ExpysApiError);
    expect(error).toMatchObject({ status: 503, code: "service_unavailable", retryable: true });
    expect(sent).toHaveLength(4);
  });

  it("counts retries that waited for Retry-After, so a server saying 0 forever cannot loop the client", async () => {
    const { fetch, sent } = recordingFetch();
    sandbox.faults.add({ operation: "listConversations", action: { type: "status", status: 429, retryAfter: 0 } });
    await expect(clientOf(sandbox, { fetch, maxRetries: 2 }).listConversations()).rejects.toMatchObject({ code: "rate_limited" });
    expect(sent).toHaveLength(3);
  });

  it("takes maxRetries per call over the client's", async () => {
    const { fetch, sent } = recordingFetch();
    sandbox.faults.add({ operation: "listConversations", action: { type: "status", status: 500 } });
    await expect(clientOf(sandbox, { fetch, maxRetries: 5 }).listConversations({}, { maxRetries: 0 })).rejects.toMatchObject({ code: "internal_error" });
    expect(sent).toHaveLength(1);
  });

  it("types an answer from outside the API by its status", async () => {
    sandbox.faults.add({ operation: "listConversations", action: { type: "gateway", status: 502 } });
    const error = await clientOf(sandbox, { maxRetries: 0 })
      .listConversations()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ExpysApiError);
    expect(error).toMatchObject({ status: 502, code: "unknown", retryable: true });
    expect((error as Error).message).toBe("HTTP 502");
  });

  it("does not retry answers a retry cannot change", async () => {
    const { fetch, sent } = recordingFetch();
    const expys = clientOf(sandbox, { fetch });
    await expect(expys.listMessages("no-such-conversation")).rejects.toMatchObject({ status: 404, code: "not_found", retryable: false });
    await expect(expys.listMessages(sandbox.conversationId, { limit: 500 })).rejects.toMatchObject({ status: 400, code: "invalid_request", param: "limit" });
    expect(sent).toHaveLength(2);
  });

  it("waits for Retry-After, and gives up at once when it exceeds maxRetryAfterMs", async () => {
    const { fetch, sent } = recordingFetch();
    sandbox.faults.add({ operation: "listConversations", times: 1, action: { type: "status", status: 429, retryAfter: 1 } });
    const started = performance.now();
    await clientOf(sandbox, { fetch }).listConversations();
    expect(performance.now() - started).toBeGreaterThanOrEqual(990);
    expect(sent).toHaveLength(2);

    sandbox.faults.add({ operation: "listConversations", times: 1, action: { type: "status", status: 429, retryAfter: 120 } });
    await expect(clientOf(sandbox, { fetch }).listConversations()).rejects.toMatchObject({ code: "rate_limited" });
    expect(sent).toHaveLength(3);
  });

  it("retries a send with its Idempotency-Key after the connection drops, and posts once", async () => {
    const { fetch, sent } = recordingFetch();
    const conversation = sandbox.createConversation(sandbox.externalUserID);
    sandbox.faults.add({ operation: "sendMessage", times: 2, action: { type: "drop", when: "after" } });
    const result = await clientOf(sandbox, { fetch }).sendMessage(conversation.id, "exactly once");
    expect(result).toEqual({ ok: true });
    expect(sandbox.inspect.messages(conversation.id).map((message) => message.body)).toEqual(["exactly once"]);
    const keys = sent.map((request) => request.headers.get("Idempotency-Key"));
    expect(keys).toHaveLength(3);
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it.each([
    ["a 500, which may follow a write", { type: "status", status: 500 }, 1],
    ["a dropped answer", { type: "drop", when: "after" }, 1],
    ["a 503, which says the server did nothing", { type: "status", status: 503, retryAfter: 0 }, 3],
  ] as const)("repeats a write without an idempotency key after %s only when the server cannot have acted on it", async (_, action, attempts) => {
    const { fetch, sent } = recordingFetch();
    sandbox.faults.add({ operation: "exchangeToken", action });
    const server = initializeServer({ baseUrl: sandbox.baseUrl, environment: "sandbox", orgApiKey: sandbox.orgApiKey, fetch });
    await expect(server.exchangeToken({ externalUserID: "member-42" })).rejects.toBeInstanceOf(action.type === "drop" ? ExpysConnectionError : ExpysApiError);
    expect(sent).toHaveLength(attempts);
  });

  it("makes a key of 128 random bits where randomUUID is missing (an insecure browser context), the same on every attempt", async () => {
    const { fetch, sent } = recordingFetch();
    const conversation = sandbox.createConversation(sandbox.externalUserID);
    sandbox.faults.add({ operation: "sendMessage", times: 1, action: { type: "drop", when: "after" } });
    // An own property shadows Crypto.prototype.randomUUID until it is deleted.
    Object.defineProperty(crypto, "randomUUID", { value: undefined, configurable: true });
    try {
      expect(await clientOf(sandbox, { fetch }).sendMessage(conversation.id, "no randomUUID")).toEqual({ ok: true });
    } finally {
      delete (crypto as { randomUUID?: unknown }).randomUUID;
    }
    const keys = sent.map((request) => request.headers.get("Idempotency-Key"));
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    expect(keys[0]).toMatch(/^\d+-\d+-\d+-\d+$/);
    expect(sandbox.inspect.messages(conversation.id).map((message) => message.body)).toEqual(["no randomUUID"]);
    expect(typeof crypto.randomUUID).toBe("function");
  });

  it("uses the caller's Idempotency-Key, so a send retried by the caller replays", async () => {
    const conversation = sandbox.createConversation(sandbox.externalUserID);
    const expys = clientOf(sandbox);
    await expys.sendMessage(conversation.id, "once", { idempotencyKey: "my-key-1" });
    await expys.sendMessage(conversation.id, "once", { idempotencyKey: "my-key-1" });
    expect(sandbox.inspect.messages(conversation.id)).toHaveLength(1);
    await expect(expys.sendMessage(conversation.id, "different", { idempotencyKey: "my-key-1" })).rejects.toMatchObject({
      status: 409,
      code: "idempotency_conflict",
      retryable: false,
    });
  });

  it("sends a new key for each call", async () => {
    const { fetch, sent } = recordingFetch();
    const conversation = sandbox.createConversation(sandbox.externalUserID);
    const expys = clientOf(sandbox, { fetch });
    await expys.sendMessage(conversation.id, "same text");
    await expys.sendMessage(conversation.id, "same text");
    expect(new Set(sent.map((request) => request.headers.get("Idempotency-Key"))).size).toBe(2);
    expect(sandbox.inspect.messages(conversation.id)).toHaveLength(2);
  });

  it("never repeats a write without a key after an ambiguous failure", async () => {
    const { fetch, sent } = recordingFetch();
    sandbox.faults.add({ operation: "exchangeToken", times: 1, action: { type: "drop", when: "after" } });
    const { initializeServer } = await import("../src/server.ts");
    const server = initializeServer({ baseUrl: sandbox.baseUrl, environment: "sandbox", orgApiKey: sandbox.orgApiKey, fetch, backoff: { baseMs: 1 } });
    await expect(server.exchangeToken({ externalUserID: "someone" })).rejects.toBeInstanceOf(ExpysConnectionError);
    expect(sent).toHaveLength(1);
  });

  it("retries a write without a key only when the server says it did nothing", async () => {
    const { fetch, sent } = recordingFetch();
    sandbox.faults.add({ operation: "exchangeToken", times: 1, action: { type: "status", status: 503, retryAfter: 0 } });
    const { initializeServer } = await import("../src/server.ts");
    const server = initializeServer({ baseUrl: sandbox.baseUrl, environment: "sandbox", orgApiKey: sandbox.orgApiKey, fetch, backoff: { baseMs: 1 } });
    const minted = await server.exchangeToken({ externalUserID: "someone" });
    expect(minted).toMatchObject({ kind: "member", externalUserID: "someone" });
    expect(sent).toHaveLength(2);
    sandbox.faults.add({ operation: "exchangeToken", times: 1, action: { type: "status", status: 500 } });
    await expect(server.exchangeToken({ externalUserID: "someone" })).rejects.toMatchObject({ code: "internal_error" });
    expect(sent).toHaveLength(3);
  });
});
