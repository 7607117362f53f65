import type { ProxiedRequest } from "../src/fault-proxy.ts";
import { expect } from "vitest";
import { closedAfter, expectError, failed, settledState } from "../src/outcomes.ts";
import { scenario } from "../src/scenario.ts";
import { awaitMessages, awaitSubscribed } from "../src/streams.ts";
import { eventually, pause } from "../src/wait.ts";

const nothingRunning = { openConnections: 0, timers: 0, streams: 0, calls: 0 };
const streamRequests = (requests: readonly ProxiedRequest[]): ProxiedRequest[] => requests.filter(({ url }) => url.includes("/stream"));

scenario(
  "stop-idle-stream",
  "stopping an idle stream closes its connection within 1 s and leaves nothing running",
  async ({ sandbox, proxy, client, callbacks, record }) => {
    const expys = await client();
    const stream = await expys.openStream({ conversationId: sandbox.conversationId }, await callbacks());
    await awaitSubscribed(sandbox, sandbox.conversationId);
    const stoppedAt = Date.now();
    await stream.stop();
    const closeMs = await closedAfter(proxy, streamRequests(proxy.requests)[0]!, stoppedAt);
    record({ closeMs });
    expect(closeMs).toBeLessThanOrEqual(1000);
    expect(await settledState(expys)).toMatchObject(nothingRunning);
    await eventually("the sandbox to see the stream closed", () => sandbox.inspect.openStreams() === 0, 1000);
  },
);

scenario(
  "stop-busy-stream",
  "stopping a stream while messages arrive closes it within 1 s; no callback follows the stop",
  async ({ sandbox, proxy, client, callbacks }) => {
    const conversationId = sandbox.conversationId;
    const expys = await client();
    const channel = await callbacks();
    const stream = await expys.openStream({ conversationId }, channel);
    await awaitSubscribed(sandbox, conversationId);
    let posting = true;
    const poster = (async () => {
      for (let index = 1; posting; index += 1) {
        sandbox.postAsAgent(conversationId, `busy ${index}`);
        await pause(5);
      }
    })();
    await awaitMessages(channel, 20);
    const stoppedAt = Date.now();
    await stream.stop();
    const callbacksAtStop = channel.events.length;
    try {
      const closeMs = await closedAfter(proxy, streamRequests(proxy.requests)[0]!, stoppedAt);
      expect(closeMs).toBeLessThanOrEqual(1000);
      await pause(300);
      expect(channel.events.length, "callbacks after the stop").toBe(callbacksAtStop);
      expect(await settledState(expys)).toMatchObject(nothingRunning);
    } finally {
      posting = false;
      await poster;
    }
  },
);

scenario(
  "stop-stream-waiting-to-reconnect",
  "stopping a stream while it waits to reconnect cancels the wait: no timer left, no reconnect",
  async ({ sandbox, proxy, client, callbacks }) => {
    sandbox.faults.add({ operation: "streamMessages", action: { type: "status", status: 503, retryAfter: 30 } });
    const expys = await client();
    const stream = await expys.openStream({ conversationId: sandbox.conversationId }, await callbacks());
    await eventually("the stream's first attempt to be answered 503", () => streamRequests(proxy.requests)[0]?.status === 503, 5000);
    await pause(100);
    await stream.stop();
    expect(await settledState(expys)).toMatchObject(nothingRunning);
    await pause(300);
    expect(streamRequests(proxy.requests)).toHaveLength(1);
  },
);

scenario(
  "cancel-call-in-flight",
  "cancelling a call in flight is kind cancelled, closes its connection within 1 s and leaves nothing running",
  async ({ sandbox, proxy, client, record }) => {
    sandbox.faults.add({ operation: "listConversations", action: { type: "latency", ms: 20_000 } });
    const expys = await client();
    const call = expys.call("listConversations", {}, { callId: "slow" });
    const request = await eventually("the call to reach the proxy", () => proxy.requests[0] ?? false, 5000);
    const cancelledAt = Date.now();
    expect(await expys.cancelCall("slow")).toBe(204);
    expectError(failed(await call), { kind: "cancelled" });
    const closeMs = await closedAfter(proxy, request, cancelledAt);
    record({ closeMs });
    expect(closeMs).toBeLessThanOrEqual(1000);
    expect(await settledState(expys)).toMatchObject(nothingRunning);
    expect(await expys.cancelCall("slow"), "a finished call is no longer known").toBe(404);
  },
);

scenario(
  "cancel-call-waiting-to-retry",
  "cancelling a call while it waits to retry is kind cancelled, cancels the wait and sends no retry",
  async ({ sandbox, proxy, client }) => {
    sandbox.faults.add({ operation: "listConversations", times: 1, action: { type: "status", status: 503, retryAfter: 30 } });
    const expys = await client();
    const call = expys.call("listConversations", {}, { callId: "waiting" });
    await eventually("the first attempt to be answered 503", () => proxy.requests[0]?.status === 503, 5000);
    await pause(100);
    expect(await expys.cancelCall("waiting")).toBe(204);
    expectError(failed(await call), { kind: "cancelled" });
    expect(await settledState(expys)).toMatchObject(nothingRunning);
    await pause(300);
    expect(proxy.requests).toHaveLength(1);
  },
);

scenario(
  "close-client-stops-everything",
  "closing a client stops its streams and cancels its calls; their connections close within 1 s",
  async ({ sandbox, proxy, client, callbacks }) => {
    sandbox.faults.add({ operation: "listConversations", action: { type: "latency", ms: 20_000 } });
    const expys = await client();
    await expys.openStream({ conversationId: sandbox.conversationId }, await callbacks());
    const call = expys.call("listConversations", {});
    await awaitSubscribed(sandbox, sandbox.conversationId);
    const held = await eventually("the call to reach the proxy", () => proxy.requests.find(({ url }) => url === "/v1/conversations") ?? false, 5000);
    const closedAt = Date.now();
    await expys.close();
    expectError(failed(await call), { kind: "cancelled" });
    for (const request of [held, streamRequests(proxy.requests)[0]!]) {
      expect(await closedAfter(proxy, request, closedAt), `${request.url} closed within 1 s`).toBeLessThanOrEqual(1000);
    }
    await eventually("the sandbox to see the stream closed", () => sandbox.inspect.openStreams() === 0, 1000);
  },
);
