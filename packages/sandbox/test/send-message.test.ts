import { describe, expect, it } from "vitest";
import { call, quietSandbox, schemaErrors, send, waitUntil } from "./helpers.ts";

describe("POST /v1/conversations/{id}/messages", () => {
  it("posts the message as the member", async () => {
    const sandbox = await quietSandbox();
    const before = sandbox.inspect.messages(sandbox.conversationId).length;
    const response = await send(sandbox, "Hello from the SDK");
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ ok: true });
    expect(schemaErrors("SendMessageResponse", response.body)).toEqual([]);
    expect(response.headers.get("idempotent-replayed")).toBeNull();
    const messages = sandbox.inspect.messages(sandbox.conversationId);
    expect(messages).toHaveLength(before + 1);
    expect(messages.at(-1)).toMatchObject({ type: "text", authorID: "demo-member", body: "Hello from the SDK" });
    expect(schemaErrors("Message", messages.at(-1))).toEqual([]);
  });

  it.each([
    [{ message: "" }, "message", /fewer than 1 characters/],
    [{ message: "x".repeat(4001) }, "message", /more than 4000 characters/],
    [{ message: 42 }, "message", /must be string/],
    [{ message: null }, "message", /must be string/],
    [{}, "message", /field "message" is required/],
    [{ message: "hi", urgent: true }, "urgent", /unknown field "urgent"/],
  ])("rejects %j naming %s, and writes nothing", async (json, param, message) => {
    const sandbox = await quietSandbox();
    const before = sandbox.inspect.messages(sandbox.conversationId).length;
    const response = await call(sandbox, `/v1/conversations/${sandbox.conversationId}/messages`, {
      method: "POST",
      token: sandbox.memberToken,
      json,
    });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: "invalid_request", param, retryable: false });
    expect(response.body.message).toMatch(message);
    expect(sandbox.inspect.messages(sandbox.conversationId)).toHaveLength(before);
  });

  it("accepts a 4000-character message", async () => {
    const sandbox = await quietSandbox();
    expect((await send(sandbox, "x".repeat(4000))).status).toBe(200);
  });

  it.each([
    ["malformed JSON", { body: '{"message": "hi"', headers: { "Content-Type": "application/json" } }, /not valid JSON/],
    ["a text body", { body: "hello", headers: { "Content-Type": "text/plain" } }, /Content-Type: application\/json/],
    ["no body", {}, /body is required/],
    ["invalid UTF-8", { body: new Uint8Array([0x22, 0xff, 0x22]), headers: { "Content-Type": "application/json" } }, /not valid UTF-8/],
  ])("answers %s with invalid_request", async (_name, options: object, message) => {
    const sandbox = await quietSandbox();
    const response = await call(sandbox, `/v1/conversations/${sandbox.conversationId}/messages`, {
      method: "POST",
      token: sandbox.memberToken,
      ...options,
    });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: "invalid_request", retryable: false });
    expect(response.body.message).toMatch(message);
  });

  it("answers a message to an unknown conversation with not_found", async () => {
    const sandbox = await quietSandbox();
    const response = await send(sandbox, "anyone there?", undefined, "cnv_missing");
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ code: "not_found", retryable: false });
  });
});

describe("Idempotency-Key", () => {
  it("replays the original response for the same key and body, writing nothing more", async () => {
    const sandbox = await quietSandbox();
    const before = sandbox.inspect.messages(sandbox.conversationId).length;
    const first = await send(sandbox, "once", "key-1");
    const second = await send(sandbox, "once", "key-1");
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect(second.headers.get("x-request-id")).not.toBe(first.headers.get("x-request-id"));
    expect(sandbox.inspect.messages(sandbox.conversationId)).toHaveLength(before + 1);
  });

  it("rejects the same key with a different body as idempotency_conflict, not retryable", async () => {
    const sandbox = await quietSandbox();
    await send(sandbox, "first", "key-2");
    const conflict = await send(sandbox, "second", "key-2");
    expect(conflict.status).toBe(409);
    expect(conflict.body).toMatchObject({ code: "idempotency_conflict", retryable: false, param: "Idempotency-Key" });
    expect(sandbox.inspect.messages(sandbox.conversationId).at(-1)?.body).toBe("first");
  });

  it("treats the same key on another conversation as a conflict", async () => {
    const sandbox = await quietSandbox();
    const other = sandbox.createConversation("demo-member");
    await send(sandbox, "same text", "key-3");
    const conflict = await send(sandbox, "same text", "key-3", other.id);
    expect(conflict.body.code).toBe("idempotency_conflict");
    expect(sandbox.inspect.messages(other.id)).toEqual([]);
  });

  it("scopes keys to the member: two members may use the same key", async () => {
    const sandbox = await quietSandbox();
    const alice = sandbox.createConversation("alice");
    const aliceToken = sandbox.mintToken({ externalUserID: "alice" });
    await send(sandbox, "hello", "shared-key");
    const response = await call(sandbox, `/v1/conversations/${alice.id}/messages`, {
      method: "POST",
      token: aliceToken,
      json: { message: "hello" },
      headers: { "Idempotency-Key": "shared-key" },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("idempotent-replayed")).toBeNull();
    expect(sandbox.inspect.messages(alice.id)).toHaveLength(1);
  });

  it("turns 50 concurrent sends with one key into exactly one message", async () => {
    const sandbox = await quietSandbox();
    const before = sandbox.inspect.messages(sandbox.conversationId).length;
    const responses = await Promise.all(Array.from({ length: 50 }, () => send(sandbox, "exactly once", "key-50")));
    const fresh = responses.filter((r) => r.status === 200 && r.headers.get("idempotent-replayed") === null);
    const replayed = responses.filter((r) => r.status === 200 && r.headers.get("idempotent-replayed") === "true");
    const inProgress = responses.filter((r) => r.status === 409 && r.body.code === "idempotency_in_progress");
    expect(fresh).toHaveLength(1);
    expect(fresh.length + replayed.length + inProgress.length).toBe(50);
    const written = sandbox.inspect.messages(sandbox.conversationId).slice(before);
    expect(written.map((message) => message.body)).toEqual(["exactly once"]);
  });

  it("answers idempotency_in_progress while the first request is in flight, then replays its outcome", async () => {
    const sandbox = await quietSandbox();
    // Long enough that the second request surely lands while the first is held, even on a busy machine.
    const slow = sandbox.faults.add({ operation: "sendMessage", times: 1, action: { type: "latency", ms: 2500 } });
    const first = send(sandbox, "slow one", "key-slow");
    await waitUntil(() => slow.injected === 1, "the first send is held");
    const during = await send(sandbox, "slow one", "key-slow");
    expect(during.status).toBe(409);
    expect(during.body).toMatchObject({ code: "idempotency_in_progress", retryable: true });
    expect(during.headers.get("retry-after")).toBe("1");
    expect((await first).status).toBe(200);
    const after = await send(sandbox, "slow one", "key-slow");
    expect(after.headers.get("idempotent-replayed")).toBe("true");
    expect(sandbox.inspect.messages(sandbox.conversationId).filter((m) => m.body === "slow one")).toHaveLength(1);
  });

  it("does not keep the key of a failed write, so a retry writes", async () => {
    const sandbox = await quietSandbox();
    const missing = await send(sandbox, "to nowhere", "key-404", "cnv_missing");
    expect(missing.status).toBe(404);
    sandbox.faults.add({ operation: "sendMessage", times: 1, action: { type: "status", status: 500 } });
    const failed = await send(sandbox, "retry me", "key-500");
    expect(failed.status).toBe(500);
    expect(failed.body).toMatchObject({ code: "internal_error", retryable: true });
    const retried = await send(sandbox, "retry me", "key-500");
    expect(retried.status).toBe(200);
    expect(retried.headers.get("idempotent-replayed")).toBeNull();
    expect(sandbox.inspect.messages(sandbox.conversationId).filter((m) => m.body === "retry me")).toHaveLength(1);
  });

  it.each([
    ["", /fewer than 1 characters/],
    ["k".repeat(256), /more than 255 characters/],
  ])("validates the key's length (%#)", async (key, message) => {
    const sandbox = await quietSandbox();
    const response = await send(sandbox, "hi", key);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: "invalid_request", param: "Idempotency-Key" });
    expect(response.body.message).toMatch(message);
  });
});
