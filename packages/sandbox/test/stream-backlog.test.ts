import { describe, expect, it } from "vitest";
import type { Message, Sandbox } from "../src/index.ts";
import { openStream, quietSandbox, waitUntil } from "./helpers.ts";

const streamPath = (id: string) => `/v1/conversations/${id}/stream`;

/** Posts messages of about 4 KB each until `bytes` of events are waiting; returns them. */
function fillBacklog(sandbox: Sandbox, bytes: number): Message[] {
  const posted: Message[] = [];
  let total = 0;
  for (let index = 0; total < bytes; index += 1) {
    const message = sandbox.postAsAgent(sandbox.conversationId, `${index} ${"b".repeat(4000)}`);
    posted.push(message);
    total += JSON.stringify(message).length + message.id.length + 30;
  }
  return posted;
}

/** Resumes after `lastEventId`, expects exactly `expected` then one live message, and returns the reader. */
async function resumeAndCheck(sandbox: Sandbox, lastEventId: string, expected: Message[], options: { pauseMs?: number } = {}) {
  const reader = await openStream(sandbox, streamPath(sandbox.conversationId), {
    Authorization: `Bearer ${sandbox.memberToken}`,
    "Last-Event-ID": lastEventId,
  });
  expect(reader.response.statusCode).toBe(200);
  if (options.pauseMs) {
    // A client that stops reading for a while: the server must wait for it, not drop it.
    reader.response.pause();
    await new Promise((resolve) => setTimeout(resolve, options.pauseMs));
    reader.response.resume();
  }
  const events = await reader.waitForEvents(expected.length, 120_000);
  expect(events.length).toBe(expected.length);
  expect(events.map((event) => event.id)).toEqual(expected.map((message) => message.id));
  expect(JSON.parse(events.at(-1)?.data ?? "null")).toEqual(expected.at(-1));

  await waitUntil(() => sandbox.inspect.openStreams() === 1, "the resumed stream is live", 10_000);
  const live = sandbox.postAsAgent(sandbox.conversationId, "live after the replay");
  const [after] = (await reader.waitForEvents(expected.length + 1, 10_000)).slice(expected.length);
  expect(after?.id).toBe(live.id);
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(reader.events).toHaveLength(expected.length + 1);
  reader.close();
}

// Big replays over a busy machine: generous time, behaviour asserted, never speed.
describe("resuming over a large backlog", { timeout: 180_000 }, () => {
  it("delivers more than 1 MiB of missed messages whole, in order, once, then goes live", async () => {
    const sandbox = await quietSandbox();
    const lastSeen = sandbox.inspect.messages(sandbox.conversationId).at(-1)?.id ?? "";
    const missed = fillBacklog(sandbox, 1.5 * 1024 * 1024);
    await resumeAndCheck(sandbox, lastSeen, missed);
  });

  it("delivers a 20 MiB backlog the same way", async () => {
    const sandbox = await quietSandbox();
    const lastSeen = sandbox.inspect.messages(sandbox.conversationId).at(-1)?.id ?? "";
    const missed = fillBacklog(sandbox, 20 * 1024 * 1024);
    expect(missed.length).toBeGreaterThan(4000);
    await resumeAndCheck(sandbox, lastSeen, missed);
  });

  it("waits for a client that stops reading in the middle of the replay, and loses nothing", async () => {
    const sandbox = await quietSandbox();
    const lastSeen = sandbox.inspect.messages(sandbox.conversationId).at(-1)?.id ?? "";
    const missed = fillBacklog(sandbox, 4 * 1024 * 1024);
    await resumeAndCheck(sandbox, lastSeen, missed, { pauseMs: 1000 });
  });

  it("keeps live messages that arrive during a replay in order after it, each once", async () => {
    const sandbox = await quietSandbox();
    const lastSeen = sandbox.inspect.messages(sandbox.conversationId).at(-1)?.id ?? "";
    const missed = fillBacklog(sandbox, 2 * 1024 * 1024);
    const reader = await openStream(sandbox, streamPath(sandbox.conversationId), {
      Authorization: `Bearer ${sandbox.memberToken}`,
      "Last-Event-ID": lastSeen,
    });
    const during = [1, 2, 3].map((n) => sandbox.postAsAgent(sandbox.conversationId, `during ${n}`));
    const expected = [...missed, ...during];
    const events = await reader.waitForEvents(expected.length, 120_000);
    expect(events.map((event) => event.id)).toEqual(expected.map((message) => message.id));
    reader.close();
  });
});
