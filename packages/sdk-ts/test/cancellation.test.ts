import type { Sandbox } from "@expys/sandbox";
import { activeResources, settledResourcesAbove } from "@expys/testkit";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ExpysAbortError, ExpysTimeoutError } from "../src/index.ts";
import { clientOf, quietSandbox, recordingFetch } from "./support.ts";

describe("timeouts, cancellation and what they leave behind", () => {
  let sandbox: Sandbox;
  let unhandled: unknown[];
  const onUnhandled = (reason: unknown): void => {
    unhandled.push(reason);
  };
  beforeAll(async () => {
    sandbox = await quietSandbox();
    process.on("unhandledRejection", onUnhandled);
  });
  afterEach(() => {
    sandbox.faults.clear();
    expect(unhandled).toEqual([]);
  });
  afterAll(async () => {
    process.off("unhandledRejection", onUnhandled);
    await sandbox.close();
  });

  /** Counts after one successful call, so the connection pool's idle socket is part of the baseline. */
  async function warmBaseline(): Promise<ReturnType<typeof activeResources>> {
    unhandled = [];
    await clientOf(sandbox).listConversations();
    return activeResources();
  }

  it("times out an attempt that gets no answer, retries it, then reports the timeout", async () => {
    const baseline = await warmBaseline();
    const { fetch, sent } = recordingFetch();
    sandbox.faults.add({ operation: "listConversations", action: { type: "latency", ms: 2_000 } });
    const error = await clientOf(sandbox, { fetch, timeout: 100, maxRetries: 1 })
      .listConversations()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ExpysTimeoutError);
    expect(sent).toHaveLength(2);
    expect(await settledResourcesAbove(baseline)).toEqual({});
  });

  it("takes a timeout per call, overriding the client's", async () => {
    const baseline = await warmBaseline();
    sandbox.faults.add({ operation: "listConversations", times: 2, action: { type: "latency", ms: 300 } });
    const expys = clientOf(sandbox, { maxRetries: 0 });
    await expect(expys.listConversations({}, { timeout: 50 })).rejects.toBeInstanceOf(ExpysTimeoutError);
    await expect(expys.listConversations()).resolves.toHaveProperty("conversations");
    expect(await settledResourcesAbove(baseline)).toEqual({});
  });

  it("aborts a call in flight at once", async () => {
    const baseline = await warmBaseline();
    sandbox.faults.add({ operation: "listConversations", action: { type: "latency", ms: 2_000 } });
    const controller = new AbortController();
    const pending = clientOf(sandbox).listConversations({}, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error("user left")), 50);
    const started = performance.now();
    const error = await pending.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ExpysAbortError);
    expect((error as Error).cause).toEqual(new Error("user left"));
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(await settledResourcesAbove(baseline)).toEqual({});
  });

  it("aborts during the wait before a retry, cancelling the timer", async () => {
    const baseline = await warmBaseline();
    sandbox.faults.add({ operation: "listConversations", action: { type: "status", status: 503, retryAfter: 30 } });
    const controller = new AbortController();
    const pending = clientOf(sandbox, { maxRetries: 3 }).listConversations({}, { signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 100));
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(ExpysAbortError);
    expect(await settledResourcesAbove(baseline)).toEqual({});
  });

  it("rejects at once with an already aborted signal, sending nothing", async () => {
    const { fetch, sent } = recordingFetch();
    await expect(clientOf(sandbox, { fetch }).listConversations({}, { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(ExpysAbortError);
    expect(sent).toHaveLength(0);
  });

  it("closes the connection when a stream loop breaks, and leaves nothing running", async () => {
    const baseline = await warmBaseline();
    const expys = clientOf(sandbox);
    const posting = setInterval(() => sandbox.postAsAgent(sandbox.conversationId, "tick"), 20);
    let received = 0;
    for await (const message of expys.streamMessages(sandbox.conversationId)) {
      expect(message.body).toBe("tick");
      received += 1;
      if (received === 3) break;
    }
    clearInterval(posting);
    await expect.poll(() => sandbox.inspect.openStreams(sandbox.conversationId)).toBe(0);
    expect(await settledResourcesAbove(baseline)).toEqual({});
  });

  it("ends a stream on abort, including while it waits to reconnect", async () => {
    const baseline = await warmBaseline();
    sandbox.faults.add({ operation: "streamMessages", action: { type: "status", status: 503, retryAfter: 30 } });
    const controller = new AbortController();
    const stream = clientOf(sandbox).streamMessages(sandbox.conversationId, {}, { signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    const error = await (async () => {
      for await (const message of stream) void message;
    })().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ExpysAbortError);
    expect(await settledResourcesAbove(baseline)).toEqual({});
  });
});
