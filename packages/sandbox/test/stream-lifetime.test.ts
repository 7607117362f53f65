import { describe, expect, it } from "vitest";
import { call, openStream, quietSandbox, waitUntil } from "./helpers.ts";

const streamPath = (id: string) => `/v1/conversations/${id}/stream`;
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

describe("a stream and its token", () => {
  it("ends cleanly when the token it was opened with expires, and resumes with a fresh token without loss", async () => {
    const sandbox = await quietSandbox();
    const { conversationId } = sandbox;
    const token = sandbox.mintToken({ externalUserID: "demo-member", ttlMs: 3000 });
    const reader = await openStream(sandbox, streamPath(conversationId), bearer(token));
    expect(reader.response.statusCode).toBe(200);
    await waitUntil(() => sandbox.inspect.openStreams() === 1, "the stream is open");
    const before = sandbox.postAsAgent(conversationId, "before expiry");
    const [seen] = await reader.waitForEvents(1);
    expect(seen?.id).toBe(before.id);

    expect(await reader.ended).toBe("end");
    expect(reader.comments.at(-1)).toMatch(/^token expired; reconnect with a fresh token and Last-Event-ID/);
    expect(reader.events).toHaveLength(1);
    await waitUntil(() => sandbox.inspect.openStreams() === 0, "the stream is closed");

    const missed = sandbox.postAsAgent(conversationId, "after expiry");
    const stale = await openStream(sandbox, streamPath(conversationId), { ...bearer(token), "Last-Event-ID": before.id });
    expect(stale.response.statusCode).toBe(401);
    await stale.ended;
    expect(JSON.parse(stale.text)).toMatchObject({ code: "token_expired" });

    const resumed = await openStream(sandbox, streamPath(conversationId), {
      ...bearer(sandbox.mintToken({ externalUserID: "demo-member" })),
      "Last-Event-ID": before.id,
    });
    const [replayed] = await resumed.waitForEvents(1);
    expect(replayed?.id).toBe(missed.id);
    resumed.close();
  });

  it("ends a machine token's stream at the machine token's expiry too", async () => {
    const sandbox = await quietSandbox();
    const reader = await openStream(sandbox, `${streamPath(sandbox.conversationId)}?externalUserID=demo-member`, bearer(sandbox.mintToken({ ttlMs: 2000 })));
    expect(reader.response.statusCode).toBe(200);
    expect(await reader.ended).toBe("end");
  });

  it("keeps a stream open while its token is valid", async () => {
    const sandbox = await quietSandbox({ heartbeatMs: 50 });
    const reader = await openStream(sandbox, streamPath(sandbox.conversationId), bearer(sandbox.memberToken));
    await waitUntil(() => reader.comments.length >= 5, "five heartbeats arrived");
    expect(sandbox.inspect.openStreams()).toBe(1);
    expect(reader.comments.every((comment) => comment === "heartbeat")).toBe(true);
    reader.close();
  });
});

describe("streams per member", () => {
  it("refuses one stream more than maxStreamsPerMember with 429 rate_limited and Retry-After", async () => {
    const sandbox = await quietSandbox({ maxStreamsPerMember: 2 });
    const { conversationId } = sandbox;
    const open = await Promise.all([1, 2].map(() => openStream(sandbox, streamPath(conversationId), bearer(sandbox.memberToken))));
    expect(open.map((reader) => reader.response.statusCode)).toEqual([200, 200]);

    const third = await openStream(sandbox, streamPath(conversationId), bearer(sandbox.memberToken));
    expect(third.response.statusCode).toBe(429);
    expect(third.response.headers["retry-after"]).toBe("1");
    await third.ended;
    expect(JSON.parse(third.text)).toMatchObject({ code: "rate_limited", retryable: true, message: expect.stringMatching(/2 event streams open/) });

    // A machine token acting for the same member counts against the same limit.
    const machine = await call(sandbox, `${streamPath(conversationId)}?externalUserID=demo-member`, { token: sandbox.mintToken() });
    expect(machine.status).toBe(429);

    // Other members are not affected.
    const alice = sandbox.createConversation("alice");
    const theirs = await openStream(sandbox, streamPath(alice.id), bearer(sandbox.mintToken({ externalUserID: "alice" })));
    expect(theirs.response.statusCode).toBe(200);

    open[0]?.close();
    await waitUntil(() => sandbox.inspect.openStreams(conversationId) === 1, "one of the member's streams closed");
    const again = await openStream(sandbox, streamPath(conversationId), bearer(sandbox.memberToken));
    expect(again.response.statusCode).toBe(200);
    for (const reader of [again, theirs, open[1]]) reader?.close();
  });

  it("allows 50 streams per member by default", async () => {
    const sandbox = await quietSandbox();
    const readers = await Promise.all(Array.from({ length: 50 }, () => openStream(sandbox, streamPath(sandbox.conversationId), bearer(sandbox.memberToken))));
    expect(readers.every((reader) => reader.response.statusCode === 200)).toBe(true);
    const over = await call(sandbox, streamPath(sandbox.conversationId), { token: sandbox.memberToken });
    expect(over.status).toBe(429);
    for (const reader of readers) reader.close();
  });
});
