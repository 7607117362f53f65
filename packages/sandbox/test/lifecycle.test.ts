import { activeResources, settledResourcesAbove } from "@expys/testkit";
import { describe, expect, it } from "vitest";
import { startSandbox, type SandboxOptions } from "../src/index.ts";
import { IdempotencyStore } from "../src/idempotency-store.ts";
import { call, openStream, send, waitUntil } from "./helpers.ts";

describe("startSandbox", () => {
  it("runs instances side by side on free ports, each with its own state and credentials", async () => {
    const [one, two] = await Promise.all([startSandbox({ log: false }), startSandbox({ log: false })]);
    try {
      expect(one.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(one.baseUrl).not.toBe(two.baseUrl);
      expect(one.orgApiKey).not.toBe(two.orgApiKey);
      expect(one.externalUserID).toBe("demo-member");
      expect(one.conversationId).not.toBe(two.conversationId);
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });

  it("makes ids and demo data repeatable with a seed", async () => {
    const [one, two] = await Promise.all([startSandbox({ log: false, seed: 42, agent: false }), startSandbox({ log: false, seed: 42, agent: false })]);
    try {
      expect(one.conversationId).toBe(two.conversationId);
      const strip = (messages: { createdAt: string }[]) => messages.map(({ createdAt: _, ...rest }) => rest);
      expect(strip(one.inspect.messages(one.conversationId))).toEqual(strip(two.inspect.messages(two.conversationId)));
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });

  it("uses a given orgApiKey", async () => {
    const sandbox = await startSandbox({ log: false, orgApiKey: "org_test_key" });
    try {
      expect(sandbox.orgApiKey).toBe("org_test_key");
      const minted = await call(sandbox, "/v1/auth/exchange", {
        method: "POST",
        json: {},
        headers: { "Org-API-Key": "org_test_key" },
      });
      expect(minted.status).toBe(200);
    } finally {
      await sandbox.close();
    }
  });

  it.each([
    [{ port: -1 }, /port/],
    [{ port: 70000 }, /port/],
    [{ port: 1.5 }, /port/],
    [{ tokenTtlMs: 0 }, /tokenTtlMs/],
    [{ heartbeatMs: Number.NaN }, /heartbeatMs/],
    [{ retryMs: -1 }, /retryMs/],
    [{ orgApiKey: "" }, /orgApiKey/],
    [{ orgApiKey: "line\nbreak" }, /orgApiKey/],
    [{ agent: { replyDelayMs: -1 } }, /agent.replyDelayMs/],
    [{ agent: { chatterIntervalMs: 0 } }, /agent.chatterIntervalMs/],
  ])("rejects the options %j with a TypeError naming the option", async (options, message) => {
    await expect(startSandbox({ log: false, ...(options as SandboxOptions) })).rejects.toThrow(TypeError);
    await expect(startSandbox({ log: false, ...(options as SandboxOptions) })).rejects.toThrow(message);
  });

  it("rejects when the port is taken, leaving nothing running", async () => {
    const first = await startSandbox({ log: false, agent: false });
    const baseline = activeResources();
    try {
      const port = Number(new URL(first.baseUrl).port);
      await expect(startSandbox({ log: false, port })).rejects.toMatchObject({ code: "EADDRINUSE" });
      expect(await settledResourcesAbove(baseline)).toEqual({});
    } finally {
      await first.close();
    }
  });

  it("logs one line per request to the log function, never a credential", async () => {
    const lines: string[] = [];
    const sandbox = await startSandbox({ log: (line) => lines.push(line), agent: false });
    try {
      await call(sandbox, "/v1/conversations", { token: sandbox.memberToken });
      await call(sandbox, "/v1/auth/exchange", { method: "POST", json: {}, headers: { "Org-API-Key": sandbox.orgApiKey } });
      await waitUntil(() => lines.length === 2, "two log lines");
      expect(lines[0]).toMatch(/ req_[0-9a-f]{32} GET \/v1\/conversations 200 [\d.]+ms$/);
      expect(lines[1]).toMatch(/POST \/v1\/auth\/exchange 200/);
      for (const line of lines) {
        expect(line).not.toContain(sandbox.memberToken);
        expect(line).not.toContain(sandbox.orgApiKey);
      }
    } finally {
      await sandbox.close();
    }
  });
});

describe("close()", () => {
  it("leaves no socket, timer or server behind, even with streams, keep-alive connections and work in flight", async () => {
    const baseline = activeResources();
    const sandbox = await startSandbox({ log: false, heartbeatMs: 50, agent: { replyDelayMs: 5000, chatterIntervalMs: 20 } });
    const readers = await Promise.all(
      [1, 2].map(() =>
        openStream(sandbox, `/v1/conversations/${sandbox.conversationId}/stream`, {
          Authorization: `Bearer ${sandbox.memberToken}`,
        }),
      ),
    );
    await send(sandbox, "schedules a reply in 5 s");
    sandbox.faults.add({ operation: "listConversations", action: { type: "latency", ms: 10_000 } });
    const held = call(sandbox, "/v1/conversations", { token: sandbox.memberToken }).catch((error: unknown) => error);
    await waitUntil(() => sandbox.faults.stats().latency === 1, "a request is held by latency");
    await readers[0]?.waitForEvents(1);

    await sandbox.close();
    await sandbox.close();
    await held;
    expect(await Promise.all(readers.map((reader) => reader.ended))).toEqual(["end", "end"]);
    expect(await settledResourcesAbove(baseline)).toEqual({});
  });

  it("refuses connections afterwards", async () => {
    const sandbox = await startSandbox({ log: false, agent: false });
    await sandbox.close();
    await expect(fetch(`${sandbox.baseUrl}/v1/conversations`)).rejects.toThrow();
  });
});

describe("IdempotencyStore", () => {
  it("forgets a key after its lifetime, so the key can be used afresh", () => {
    let now = 0;
    const store = new IdempotencyStore(1000, () => now);
    const first = store.begin("member\nsendMessage", "key", "fingerprint-a");
    if (!("claim" in first)) throw new Error("expected a claim");
    first.claim.complete({ status: 200, body: { ok: true } });
    expect(store.begin("member\nsendMessage", "key", "fingerprint-a")).toHaveProperty("replay");
    now = 1000;
    expect(store.begin("member\nsendMessage", "key", "fingerprint-b")).toHaveProperty("claim");
  });
});
