import { describe, expect, it } from "vitest";
import { conciergeAuthorID, startSandbox } from "../src/index.ts";
import { openStream, quietSandbox, send, waitUntil } from "./helpers.ts";

describe("the simulated concierge", () => {
  it("replies to each message a member sends, after the reply delay", async () => {
    const sandbox = await quietSandbox({ agent: { replyDelayMs: 30, chatterIntervalMs: false } });
    const before = sandbox.inspect.messages(sandbox.conversationId).length;
    await send(sandbox, "first");
    await send(sandbox, "second");
    await waitUntil(() => sandbox.inspect.messages(sandbox.conversationId).length === before + 4, "two replies arrived");
    const added = sandbox.inspect.messages(sandbox.conversationId).slice(before);
    expect(added.filter((message) => message.authorID === "demo-member").map((m) => m.body)).toEqual(["first", "second"]);
    expect(added.filter((message) => message.authorID === conciergeAuthorID)).toHaveLength(2);
  });

  it("does not reply to messages posted by tests or to its own", async () => {
    const sandbox = await quietSandbox({ agent: { replyDelayMs: 1, chatterIntervalMs: false } });
    const conversation = sandbox.createConversation("alice", { messages: 3 });
    sandbox.postAsAgent(conversation.id, "from a test");
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sandbox.inspect.messages(conversation.id)).toHaveLength(4);
  });

  it("posts into a conversation while a stream is open on it, and stops when the last stream closes", async () => {
    const sandbox = await quietSandbox({ agent: { replyDelayMs: false, chatterIntervalMs: 20 } });
    const { conversationId } = sandbox;
    const reader = await openStream(sandbox, `/v1/conversations/${conversationId}/stream`, {
      Authorization: `Bearer ${sandbox.memberToken}`,
    });
    const events = await reader.waitForEvents(5);
    expect(events.map((event) => JSON.parse(event.data).authorID)).toEqual(Array(5).fill(conciergeAuthorID));
    reader.close();
    await waitUntil(() => sandbox.inspect.openStreams() === 0, "the stream is closed");
    const count = sandbox.inspect.messages(conversationId).length;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(sandbox.inspect.messages(conversationId)).toHaveLength(count);
  });

  it("is on by default, with replies and chatter", async () => {
    const sandbox = await quietSandbox({ agent: true });
    const reader = await openStream(sandbox, `/v1/conversations/${sandbox.conversationId}/stream`, {
      Authorization: `Bearer ${sandbox.memberToken}`,
    });
    await send(sandbox, "anyone there?");
    const events = await reader.waitForEvents(3, 10_000);
    const authors = events.map((event) => JSON.parse(event.data).authorID);
    expect(authors[0]).toBe("demo-member");
    expect(authors.slice(1)).toEqual([conciergeAuthorID, conciergeAuthorID]);
    reader.close();
  });

  it("makes the docs' streaming example (five live messages, sending nothing) finish in seconds with the defaults", { timeout: 20_000 }, async () => {
    const sandbox = await startSandbox({ log: false });
    try {
      const reader = await openStream(sandbox, `/v1/conversations/${sandbox.conversationId}/stream`, {
        Authorization: `Bearer ${sandbox.memberToken}`,
      });
      const events = await reader.waitForEvents(5, 15_000);
      expect(events.map((event) => JSON.parse(event.data).authorID)).toEqual(Array(5).fill(conciergeAuthorID));
      reader.close();
    } finally {
      await sandbox.close();
    }
  });

  it("stays silent with agent: false", async () => {
    const sandbox = await quietSandbox({ agent: false });
    const reader = await openStream(sandbox, `/v1/conversations/${sandbox.conversationId}/stream`, {
      Authorization: `Bearer ${sandbox.memberToken}`,
    });
    await send(sandbox, "hello?");
    await reader.waitForEvents(1);
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(reader.events).toHaveLength(1);
    reader.close();
  });
});
