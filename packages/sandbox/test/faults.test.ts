import { request } from "node:http";
import { describe, expect, it } from "vitest";
import type { FaultRule, Sandbox } from "../src/index.ts";
import { call, openStream, quietSandbox, send, waitUntil } from "./helpers.ts";

const list = (sandbox: Sandbox) => call(sandbox, "/v1/conversations", { token: sandbox.memberToken });

/** Sends a message over node:http and reports how the exchange ended. */
function rawSend(sandbox: Sandbox, message: string, key: string): Promise<{ status?: number; error?: string }> {
  return new Promise((resolve) => {
    const req = request(`${sandbox.baseUrl}/v1/conversations/${sandbox.conversationId}/messages`, {
      method: "POST",
      agent: false,
      headers: {
        Authorization: `Bearer ${sandbox.memberToken}`,
        "Content-Type": "application/json",
        "Idempotency-Key": key,
      },
    });
    req.once("response", (response) => {
      response.resume();
      resolve({ status: response.statusCode ?? 0 });
    });
    req.once("error", (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
    req.end(JSON.stringify({ message }));
  });
}

describe("status faults", () => {
  it.each([
    [500, undefined, "internal_error", true, null],
    [503, undefined, "service_unavailable", true, null],
    [503, 7, "service_unavailable", true, "7"],
    [429, undefined, "rate_limited", true, "1"],
    [429, 3, "rate_limited", true, "3"],
  ])("answers %i (Retry-After %s) with %s", async (status, retryAfter, code, retryable, header) => {
    const sandbox = await quietSandbox();
    sandbox.faults.add({ times: 1, action: { type: "status", status, retryAfter } });
    const faulted = await list(sandbox);
    expect(faulted.status).toBe(status);
    expect(faulted.body).toMatchObject({ code, retryable });
    expect(faulted.body.requestId).toBe(faulted.headers.get("x-request-id"));
    expect(faulted.headers.get("retry-after")).toBe(header);
    expect((await list(sandbox)).status).toBe(200);
    expect(sandbox.faults.stats()).toEqual({ total: 1, status: 1, drop: 0, cutStream: 0, latency: 0, gateway: 0 });
  });

  it("picks the code among those sharing a status", async () => {
    const sandbox = await quietSandbox();
    sandbox.faults.add({ times: 2, action: { type: "status", status: 401 } });
    sandbox.faults.add({ times: 1, action: { type: "status", status: 401, code: "token_expired" } });
    expect((await list(sandbox)).body.code).toBe("unauthorized");
    expect((await list(sandbox)).body.code).toBe("unauthorized");
    expect((await list(sandbox)).body.code).toBe("token_expired");
    expect((await list(sandbox)).status).toBe(200);
  });

  it("fails the next N matching requests only, matching by operation, method, template, path or RegExp", async () => {
    const sandbox = await quietSandbox();
    const path = `/v1/conversations/${sandbox.conversationId}/messages`;
    const matches: Omit<FaultRule, "action">[] = [
      { operation: "sendMessage" },
      { method: "post", path: "/v1/conversations/{id}/messages" },
      { path },
      { path: /\/messages$/, method: "POST" },
    ];
    const rules = matches.map((match): FaultRule => ({ ...match, times: 2, action: { type: "status", status: 503 } }));
    for (const rule of rules) {
      const handle = sandbox.faults.add(rule);
      expect((await list(sandbox)).status).toBe(200);
      expect((await send(sandbox, "a")).status).toBe(503);
      expect((await send(sandbox, "b")).status).toBe(503);
      expect((await send(sandbox, "c")).status).toBe(200);
      expect(handle.injected).toBe(2);
      expect(handle.remaining).toBe(0);
    }
  });

  it("fires with a probability from the seeded generator, the same way for the same seed", async () => {
    const pattern = async (): Promise<number[]> => {
      const sandbox = await quietSandbox({ seed: "faults" });
      sandbox.faults.add({ probability: 0.5, action: { type: "status", status: 503 } });
      const statuses: number[] = [];
      for (let index = 0; index < 20; index += 1) statuses.push((await list(sandbox)).status);
      return statuses;
    };
    const first = await pattern();
    expect(first).toContain(503);
    expect(first).toContain(200);
    expect(await pattern()).toEqual(first);
  });

  it("stops a rule with remove() and every rule with clear(), keeping the counts", async () => {
    const sandbox = await quietSandbox();
    const handle = sandbox.faults.add({ action: { type: "status", status: 500 } });
    expect((await list(sandbox)).status).toBe(500);
    expect(handle.remaining).toBe(Number.POSITIVE_INFINITY);
    handle.remove();
    expect((await list(sandbox)).status).toBe(200);
    sandbox.faults.add({ action: { type: "status", status: 500 } });
    sandbox.faults.add({ action: { type: "latency", ms: 0 } });
    sandbox.faults.clear();
    expect((await list(sandbox)).status).toBe(200);
    expect(sandbox.faults.stats().total).toBe(1);
  });
});

describe("gateway faults", () => {
  it.each([408, 502, 504])("answers %i as a proxy would, outside the taxonomy, and writes nothing", async (status) => {
    const sandbox = await quietSandbox();
    sandbox.faults.add({ operation: "sendMessage", times: 1, action: { type: "gateway", status } });
    const faulted = await fetch(`${sandbox.baseUrl}/v1/conversations/${sandbox.conversationId}/messages`, {
      method: "POST",
      headers: { Authorization: `Bearer ${sandbox.memberToken}`, "Content-Type": "application/json" },
      body: JSON.stringify({ message: "through a proxy" }),
    });
    expect(faulted.status).toBe(status);
    expect(faulted.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await faulted.text()).toContain(String(status));
    expect(sandbox.inspect.messages(sandbox.conversationId).some((message) => message.body === "through a proxy")).toBe(false);
    expect(sandbox.faults.stats()).toMatchObject({ total: 1, gateway: 1 });
    await sandbox.close();
  });

  it("rejects a status that is not an error", async () => {
    const sandbox = await quietSandbox();
    expect(() => sandbox.faults.add({ action: { type: "gateway", status: 200 } })).toThrow("fault gateway.status must be a 4xx or 5xx status");
    await sandbox.close();
  });
});

describe("drop faults", () => {
  it("drops the connection before a write, which then did not happen", async () => {
    const sandbox = await quietSandbox();
    const before = sandbox.inspect.messages(sandbox.conversationId).length;
    sandbox.faults.add({ operation: "sendMessage", times: 1, action: { type: "drop", when: "before" } });
    const dropped = await rawSend(sandbox, "lost", "key-before");
    expect(dropped.status).toBeUndefined();
    expect(dropped.error).toMatch(/ECONNRESET|socket hang up/);
    expect(sandbox.inspect.messages(sandbox.conversationId)).toHaveLength(before);
    const retried = await rawSend(sandbox, "lost", "key-before");
    expect(retried.status).toBe(200);
    expect(sandbox.inspect.messages(sandbox.conversationId)).toHaveLength(before + 1);
  });

  it("drops the connection after committing a write: a retry with the key replays instead of posting twice", async () => {
    const sandbox = await quietSandbox();
    const before = sandbox.inspect.messages(sandbox.conversationId).length;
    sandbox.faults.add({ operation: "sendMessage", times: 1, action: { type: "drop", when: "after" } });
    const dropped = await rawSend(sandbox, "stored", "key-after");
    expect(dropped.status).toBeUndefined();
    expect(sandbox.inspect.messages(sandbox.conversationId)).toHaveLength(before + 1);
    const retried = await send(sandbox, "stored", "key-after");
    expect(retried.status).toBe(200);
    expect(retried.headers.get("idempotent-replayed")).toBe("true");
    expect(sandbox.inspect.messages(sandbox.conversationId)).toHaveLength(before + 1);
    expect(sandbox.faults.stats().drop).toBe(1);
  });
});

describe("stream and latency faults", () => {
  it("cuts a stream once N events have been sent", async () => {
    const sandbox = await quietSandbox();
    sandbox.faults.add({ operation: "streamMessages", times: 1, action: { type: "cutStream", afterEvents: 2 } });
    const reader = await openStream(sandbox, `/v1/conversations/${sandbox.conversationId}/stream`, {
      Authorization: `Bearer ${sandbox.memberToken}`,
    });
    await waitUntil(() => sandbox.inspect.openStreams() === 1, "the stream is open");
    for (const n of [1, 2, 3]) sandbox.postAsAgent(sandbox.conversationId, `event ${n}`);
    expect(await reader.ended).toBe("error");
    expect(reader.events.map((event) => JSON.parse(event.data).body)).toEqual(["event 1", "event 2"]);
    expect(sandbox.faults.stats().cutStream).toBe(1);
  });

  it("cuts a stream right after it opens with afterEvents 0", async () => {
    const sandbox = await quietSandbox({ retryMs: 250 });
    sandbox.faults.add({ times: 1, action: { type: "cutStream", afterEvents: 0 } });
    const reader = await openStream(sandbox, `/v1/conversations/${sandbox.conversationId}/stream`, {
      Authorization: `Bearer ${sandbox.memberToken}`,
    });
    expect(await reader.ended).toBe("error");
    expect(reader.retry).toBe(250);
    expect(reader.events).toEqual([]);
  });

  it("does not spend a cutStream rule on requests that are not streams", async () => {
    const sandbox = await quietSandbox();
    const rule = sandbox.faults.add({ times: 1, action: { type: "cutStream", afterEvents: 0 } });
    expect((await list(sandbox)).status).toBe(200);
    expect(rule.injected).toBe(0);
  });

  it("adds latency before the operation runs", async () => {
    const sandbox = await quietSandbox();
    sandbox.faults.add({ operation: "listConversations", times: 1, action: { type: "latency", ms: 300 } });
    const started = performance.now();
    const response = await list(sandbox);
    expect(response.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    expect(sandbox.faults.stats().latency).toBe(1);
  });
});

describe("rule validation", () => {
  it.each([
    [{ action: { type: "status", status: 418 } }, /418 is not a status of the error taxonomy/],
    [{ action: { type: "status", status: 401, code: "rate_limited" } }, /rate_limited does not have status 401/],
    [{ action: { type: "status", status: 429, retryAfter: -1 } }, /retryAfter/],
    [{ action: { type: "drop", when: "during" } }, /drop.when/],
    [{ action: { type: "cutStream", afterEvents: 1.5 } }, /afterEvents/],
    [{ action: { type: "latency", ms: -5 } }, /latency.ms/],
    [{ action: { type: "explode" } }, /unknown fault action "explode"/],
    [{ times: 0, action: { type: "latency", ms: 1 } }, /times/],
    [{ probability: 2, action: { type: "latency", ms: 1 } }, /probability/],
    [{ operation: "deleteEverything", action: { type: "latency", ms: 1 } }, /deleteEverything is not an operation/],
  ])("rejects %j", async (rule, message) => {
    const sandbox = await quietSandbox();
    expect(() => sandbox.faults.add(rule as FaultRule)).toThrow(TypeError);
    expect(() => sandbox.faults.add(rule as FaultRule)).toThrow(message);
  });

  it("cannot be switched on by a request: no route outside the spec exists", async () => {
    const sandbox = await quietSandbox();
    for (const path of ["/faults", "/__faults", "/v1/faults", "/_sandbox/faults"]) {
      const response = await call(sandbox, path, { method: "POST", json: { action: { type: "drop", when: "before" } } });
      expect(response.status).toBe(404);
    }
    expect(sandbox.faults.stats().total).toBe(0);
  });
});
