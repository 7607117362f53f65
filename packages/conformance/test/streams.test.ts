import { expect } from "vitest";
import { expectError } from "../src/outcomes.ts";
import { scenario } from "../src/scenario.ts";
import { awaitFinal, awaitMessages, awaitSubscribed, delivered, postMessages } from "../src/streams.ts";

const ids = (messages: readonly { id: string }[]): string[] => messages.map(({ id }) => id);

scenario("stream-live", "a stream delivers every new message once, in order, with the API's fields", async ({ sandbox, client, callbacks }) => {
  const expys = await client();
  const conversationId = sandbox.conversationId;
  const channel = await callbacks();
  const stream = await expys.openStream({ conversationId }, channel);
  await awaitSubscribed(sandbox, conversationId);
  const posted = await postMessages(sandbox, conversationId, 20, (index) => `live ${index}`);
  posted.push(sandbox.postAsAgent(conversationId, null));
  await awaitMessages(channel, posted.length);
  expect(delivered(channel)).toEqual(posted);
  expect(channel.problems).toEqual([]);
  await stream.stop();
});

scenario(
  "stream-cut-every-few-hundred-bytes",
  "a stream cut every few hundred bytes delivers every new message once, in order",
  async ({ sandbox, proxy, client, callbacks, record }) => {
    const conversationId = sandbox.conversationId;
    const cuts = proxy.addRule({ path: `/v1/conversations/${conversationId}/stream`, action: { type: "cutAfterBytes", bytes: [350, 800] } });
    const expys = await client();
    const channel = await callbacks();
    const stream = await expys.openStream({ conversationId }, channel);
    await awaitSubscribed(sandbox, conversationId);
    const posted = await postMessages(sandbox, conversationId, 40, (index) => `through the cuts ${index}`);
    await awaitMessages(channel, posted.length, 15_000).catch((error: Error) => {
      // What each connection carried and resumed after tells a lost resume from a slow one.
      const connections = proxy.requests.map(({ bytesSent, headers }) => `${bytesSent} bytes after ${headers["last-event-id"] ?? "(no Last-Event-ID)"}`);
      throw new Error(`${error.message}; connections: ${connections.slice(0, 6).join(", ")}`);
    });
    record({ messages: posted.length, connections: cuts.fired });
    expect(ids(delivered(channel))).toEqual(ids(posted));
    expect(channel.problems).toEqual([]);
    // The cuts did happen: each connection carried a few messages at most.
    expect(cuts.fired).toBeGreaterThan(5);
    await stream.stop();
  },
  { timeout: 60_000, sandbox: { retryMs: 50 } },
);

scenario(
  "stream-unknown-conversation",
  "a stream of a conversation that does not exist fails with not_found, once",
  async ({ sandbox, proxy, client, callbacks }) => {
    const expys = await client();
    const channel = await callbacks();
    await expys.openStream({ conversationId: "cnv_doesnotexist000000000" }, channel);
    const final = await awaitFinal(channel);
    if (final.kind !== "error") throw new Error(`the stream ended without an error: ${JSON.stringify(final)}`);
    expectError(final.error, { kind: "api", status: 404, code: "not_found", retryable: false });
    expect(channel.events).toHaveLength(1);
    // A 404 is final: the SDK does not reconnect.
    expect(proxy.requests.filter(({ url }) => url.includes("/stream"))).toHaveLength(1);
    expect(sandbox.inspect.openStreams()).toBe(0);
  },
);
