import { expect } from "vitest";
import { succeeded } from "../src/outcomes.ts";
import type { CallOutcome } from "../src/protocol-types.ts";
import type { RemoteClient } from "../src/service-client.ts";
import { scenario } from "../src/scenario.ts";
import { awaitMessages, awaitSubscribed, delivered } from "../src/streams.ts";
import { eventually, pause } from "../src/wait.ts";

/** Long enough for a round of calls on a loaded machine, short enough to wait out twice. */
const shortTtlMs = 5000;
const callsPerRound = 30;

/** A round of concurrent calls of every kind; every one must succeed. */
async function round(expys: RemoteClient, conversationId: string, name: string): Promise<string[]> {
  const sends = Array.from({ length: callsPerRound / 3 }, (_, index) => `${name} send ${index + 1}`);
  const outcomes: CallOutcome[] = await Promise.all([
    ...sends.map((message) => expys.call("sendMessage", { conversationId, message })),
    ...sends.map(() => expys.call("listConversations", {})),
    ...sends.map(() => expys.call("listMessages", { conversationId, limit: 5 })),
  ]);
  for (const [index, outcome] of outcomes.entries()) succeeded(outcome, `${name}, call ${index + 1}`);
  return sends;
}

scenario(
  "token-expires-mid-run",
  "a token provider whose token expires mid-run is asked once per expiry for all concurrent calls; the caller never sees the expiry",
  async ({ sandbox, proxy, client, tokenEndpoint, record }) => {
    const member = sandbox.externalUserID;
    // The first two tokens expire shortly after they are handed out, the third lasts.
    const tokens = await tokenEndpoint((n) => sandbox.mintToken({ externalUserID: member, ttlMs: n <= 2 ? shortTtlMs : 15 * 60_000 }));
    const conversationId = sandbox.conversationId;
    const expys = await client({ token: undefined, tokenUrl: tokens.url });
    const expired = (): number => proxy.requests.filter(({ status }) => status === 401).length;
    /** A round slower than a token's lifetime would meet an expiry within itself, and prove nothing. */
    const inTime = (name: string, token: number): void => {
      const handedOut = tokens.handedOut[token - 1];
      if (handedOut && Date.now() > handedOut.at + shortTtlMs) {
        throw new Error(`${name} took longer than a token's ${shortTtlMs} ms lifetime: the machine was too slow for this scenario to tell`);
      }
    };

    const sent = await round(expys, conversationId, "round 1");
    inTime("round 1", 1);
    expect(tokens.handedOut, "the provider is asked once for the first round's concurrent calls").toHaveLength(1);
    expect(expired()).toBe(0);

    for (const [expiry, name] of [
      [1, "round 2"],
      [2, "round 3"],
    ] as const) {
      // Wait out the token in use, so that every call of the next round meets its expiry.
      const handedOutAt = tokens.handedOut[expiry - 1]!.at;
      await eventually("the token to expire", () => Date.now() > handedOutAt + shortTtlMs + 100, shortTtlMs + 5000);
      await pause(50);
      const before = expired();
      sent.push(...(await round(expys, conversationId, name)));
      if (expiry === 1) inTime(name, 2);
      // Calls that start after the refresh carry the new token already; the others meet the expiry.
      expect(expired() - before, `the calls of ${name} met the expired token`).toBeGreaterThan(0);
      expect(tokens.handedOut, `the provider is asked once more, for expiry ${expiry}`).toHaveLength(expiry + 1);
    }
    record({ tokensAsked: tokens.handedOut.length, expiredAnswers: expired() });

    const stored = sandbox.inspect.messages(conversationId).map(({ body }) => body);
    for (const message of sent)
      expect(
        stored.filter((body) => body === message),
        message,
      ).toHaveLength(1);
  },
  { timeout: 90_000 },
);

scenario(
  "stream-token-refresh",
  "a stream whose token is refused as expired asks the provider once and delivers what follows",
  async ({ sandbox, client, callbacks, tokenEndpoint }) => {
    const member = sandbox.externalUserID;
    // The first token has expired already: the stream's first connection is refused, the next must carry a fresh one.
    const tokens = await tokenEndpoint((n) => sandbox.mintToken({ externalUserID: member, ttlMs: n === 1 ? 0 : 15 * 60_000 }));
    const expys = await client({ token: undefined, tokenUrl: tokens.url });
    const channel = await callbacks();
    const stream = await expys.openStream({ conversationId: sandbox.conversationId }, channel);
    await awaitSubscribed(sandbox, sandbox.conversationId);
    const posted = sandbox.postAsAgent(sandbox.conversationId, "after the refresh");
    await awaitMessages(channel, 1);
    expect(delivered(channel)).toEqual([posted]);
    expect(tokens.handedOut).toHaveLength(2);
    await stream.stop();
  },
);

scenario(
  "stream-across-token-expiry",
  "a stream outlives its token: the API ends it at the token's expiry, and the SDK refreshes and resumes without losing or repeating a message",
  async ({ sandbox, client, callbacks, tokenEndpoint, record }) => {
    const member = sandbox.externalUserID;
    const lifetimeMs = 2000;
    // The first two tokens expire while the stream is open; the third lasts.
    const tokens = await tokenEndpoint((n) => sandbox.mintToken({ externalUserID: member, ttlMs: n <= 2 ? lifetimeMs : 15 * 60_000 }));
    const expys = await client({ token: undefined, tokenUrl: tokens.url });
    const channel = await callbacks();
    const stream = await expys.openStream({ conversationId: sandbox.conversationId }, channel);
    await awaitSubscribed(sandbox, sandbox.conversationId);
    const posted: ReturnType<typeof sandbox.postAsAgent>[] = [];
    // Messages keep arriving, before, during and after each reconnect, until the stream has lived through two expiries.
    const deadline = Date.now() + 20_000;
    while (tokens.handedOut.length < 3 && Date.now() < deadline) {
      posted.push(sandbox.postAsAgent(sandbox.conversationId, `across expiry ${posted.length + 1}`));
      await pause(200);
    }
    expect(tokens.handedOut.length, "a fresh token for each expiry the stream lived through").toBe(3);
    posted.push(sandbox.postAsAgent(sandbox.conversationId, "after the last refresh"));
    await awaitMessages(channel, posted.length, 20_000);
    expect(delivered(channel)).toEqual(posted);
    record({ tokensAsked: tokens.handedOut.length, messages: posted.length });
    await stream.stop();
  },
  { timeout: 90_000 },
);
