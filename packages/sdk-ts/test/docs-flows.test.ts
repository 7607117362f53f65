// The two flows the product's docs show (read and reply; backlog then live), run
// against a real sandbox over HTTP, through the package's public entry point.
import { startSandbox, type Sandbox } from "@expys/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { initialize, type Message } from "../src/index.ts";

describe("the documented flows against the sandbox", () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ log: false, agent: { replyDelayMs: 20, chatterIntervalMs: 50 } });
  });
  afterAll(() => sandbox.close());

  it("lists conversations, reads a thread, and sends a reply", async () => {
    const expys = initialize({ baseUrl: sandbox.baseUrl, environment: "sandbox", token: sandbox.memberToken });
    const externalUserID = sandbox.externalUserID;
    const { conversations } = await expys.listConversations({ externalUserID });
    expect(conversations.map((conversation) => conversation.id)).toEqual(sandbox.inspect.conversations(externalUserID).map((conversation) => conversation.id));
    const [conversation] = conversations;
    if (!conversation) throw new Error("the demo member has no conversation");
    const { messages, nextCursor } = await expys.listMessages(conversation.id, { externalUserID, limit: 50 });
    const stored = sandbox.inspect.messages(conversation.id);
    expect(messages).toEqual(stored.slice(-50));
    expect(typeof nextCursor).toBe(stored.length > 50 ? "string" : "object");
    const result = await expys.sendMessage(conversation.id, "Hello from the SDK");
    expect(result).toEqual({ ok: true });
    expect(sandbox.inspect.messages(conversation.id).filter((message) => message.body === "Hello from the SDK")).toHaveLength(1);
  });

  it("prints the backlog, then receives five live messages and stops", async () => {
    const expys = initialize({ baseUrl: sandbox.baseUrl, environment: "sandbox", token: sandbox.memberToken });
    const { messages } = await expys.listMessages(sandbox.conversationId, { limit: 20 });
    expect(messages).toHaveLength(20);
    const live: Message[] = [];
    for await (const message of expys.streamMessages(sandbox.conversationId)) {
      live.push(message);
      if (live.length >= 5) break;
    }
    expect(live).toHaveLength(5);
    const stored = sandbox.inspect.messages(sandbox.conversationId);
    for (const message of live) expect(stored).toContainEqual(message);
    expect(new Set(live.map((message) => message.id)).size).toBe(5);
    await expect.poll(() => sandbox.inspect.openStreams(sandbox.conversationId)).toBe(0);
  });

  it("walks every message of a long thread with for await, oldest page last", async () => {
    const expys = initialize({ baseUrl: sandbox.baseUrl, environment: "sandbox", token: sandbox.memberToken });
    const thread = sandbox.createConversation(sandbox.externalUserID, { messages: 57 });
    const seen: string[] = [];
    for await (const message of expys.listMessages(thread.id, { limit: 10 })) seen.push(message.body ?? "");
    expect(seen).toHaveLength(57);
    expect(new Set(seen).size).toBe(57);
    expect(seen.slice(0, 10)).toEqual(Array.from({ length: 10 }, (_, index) => `Message ${48 + index}`));
  });
});
