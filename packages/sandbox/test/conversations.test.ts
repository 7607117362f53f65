import { describe, expect, it } from "vitest";
import { call, openStream, quietSandbox, schemaErrors, send } from "./helpers.ts";

describe("GET /v1/conversations", () => {
  it("lists the seeded demo member's conversations, most recently active first and empty ones last", async () => {
    const sandbox = await quietSandbox();
    const response = await call(sandbox, "/v1/conversations", { token: sandbox.memberToken });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-request-id")).toMatch(/^req_/);
    expect(schemaErrors("ListConversationsResponse", response.body)).toEqual([]);
    const conversations = response.body.conversations as { id: string; title: string | null; lastMessageAt: string | null }[];
    expect(conversations).toHaveLength(4);
    expect(conversations[0]?.id).toBe(sandbox.conversationId);
    expect(conversations.some((conversation) => conversation.title === null)).toBe(true);
    expect(conversations.at(-1)?.lastMessageAt).toBeNull();
    const times = conversations.slice(0, -1).map((conversation) => Date.parse(conversation.lastMessageAt ?? ""));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(sandbox.inspect.conversations("demo-member")).toEqual(conversations);
  });

  it("moves a conversation to the top when a message is posted to it", async () => {
    const sandbox = await quietSandbox();
    const empty = sandbox.inspect.conversations("demo-member").at(-1);
    if (!empty) throw new Error("no seeded conversations");
    expect((await send(sandbox, "first words", undefined, empty.id)).status).toBe(200);
    const response = await call(sandbox, "/v1/conversations", { token: sandbox.memberToken });
    expect(response.body.conversations[0]).toMatchObject({ id: empty.id, lastMessageAt: expect.any(String) });
  });

  it("gives a member without conversations an empty list", async () => {
    const sandbox = await quietSandbox();
    const response = await call(sandbox, "/v1/conversations", { token: sandbox.mintToken({ externalUserID: "nobody" }) });
    expect(response.body).toEqual({ conversations: [] });
  });
});

describe("member isolation", () => {
  it("never shows, lists, accepts writes to or streams another member's conversation", async () => {
    const sandbox = await quietSandbox();
    const mine = sandbox.createConversation("alice", { title: "Alice's", messages: 3 });
    const bob = sandbox.mintToken({ externalUserID: "bob" });

    const listed = await call(sandbox, "/v1/conversations", { token: bob });
    expect(listed.body.conversations).toEqual([]);

    const unknown = await call(sandbox, "/v1/conversations/cnv_does_not_exist/messages", { token: bob });
    const read = await call(sandbox, `/v1/conversations/${mine.id}/messages`, { token: bob });
    const write = await call(sandbox, `/v1/conversations/${mine.id}/messages`, {
      method: "POST",
      token: bob,
      json: { message: "let me in" },
    });
    const stream = await openStream(sandbox, `/v1/conversations/${mine.id}/stream`, { Authorization: `Bearer ${bob}` });
    await stream.ended;
    expect(stream.response.statusCode).toBe(404);
    expect(JSON.parse(stream.text).code).toBe("not_found");

    for (const response of [read, write]) {
      expect(response.status).toBe(404);
      expect(response.body.code).toBe("not_found");
      // The same answer as for an id that does not exist, apart from the id itself.
      expect(response.body.message.replace(mine.id, "ID")).toBe(unknown.body.message.replace("cnv_does_not_exist", "ID"));
    }
    expect(sandbox.inspect.messages(mine.id)).toHaveLength(3);

    const alice = sandbox.mintToken({ externalUserID: "alice" });
    expect((await call(sandbox, `/v1/conversations/${mine.id}/messages`, { token: alice })).body.messages).toHaveLength(3);
  });

  it("keeps a machine token acting for one member out of another member's conversation", async () => {
    const sandbox = await quietSandbox();
    const theirs = sandbox.createConversation("alice");
    const machine = sandbox.mintToken();
    const response = await call(sandbox, `/v1/conversations/${theirs.id}/messages?externalUserID=bob`, { token: machine });
    expect(response.status).toBe(404);
  });
});
