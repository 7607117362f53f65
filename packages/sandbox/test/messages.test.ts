import { describe, expect, it } from "vitest";
import type { Message } from "../src/index.ts";
import { call, flipUnusedBits, quietSandbox, schemaErrors } from "./helpers.ts";

type Page = { messages: Message[]; nextCursor: string | null };

describe("GET /v1/conversations/{id}/messages", () => {
  it("returns the most recent 50 first, oldest first within the page, with a cursor to older ones", async () => {
    const sandbox = await quietSandbox();
    const all = sandbox.inspect.messages(sandbox.conversationId);
    expect(all.length).toBeGreaterThan(100);
    const response = await call(sandbox, `/v1/conversations/${sandbox.conversationId}/messages`, {
      token: sandbox.memberToken,
    });
    expect(response.status).toBe(200);
    expect(schemaErrors("ListMessagesResponse", response.body)).toEqual([]);
    const page = response.body as Page;
    expect(page.messages).toEqual(all.slice(-50));
    expect(page.nextCursor).toEqual(expect.any(String));
  });

  it("walks every page with no gap and no duplicate while new messages arrive", async () => {
    const sandbox = await quietSandbox();
    const conversation = sandbox.createConversation("alice", { messages: 95 });
    const token = sandbox.mintToken({ externalUserID: "alice" });
    const original = sandbox.inspect.messages(conversation.id);
    const seen: Message[] = [];
    let cursor: string | null | undefined;
    let pages = 0;
    do {
      const query = typeof cursor === "string" ? `limit=20&cursor=${encodeURIComponent(cursor)}` : "limit=20";
      const response = await call(sandbox, `/v1/conversations/${conversation.id}/messages?${query}`, { token });
      expect(response.status).toBe(200);
      const page = response.body as Page;
      seen.unshift(...page.messages);
      cursor = page.nextCursor;
      pages += 1;
      // New messages between pages must not shift the older pages.
      sandbox.postAsAgent(conversation.id, `arrived during page ${pages}`);
      await call(sandbox, `/v1/conversations/${conversation.id}/messages`, {
        method: "POST",
        token,
        json: { message: `sent during page ${pages}` },
      });
    } while (cursor !== null);
    expect(pages).toBe(5);
    expect(seen).toEqual(original);
    expect(new Set(seen.map((message) => message.id)).size).toBe(95);
  });

  it("answers an empty conversation with no messages and no cursor", async () => {
    const sandbox = await quietSandbox();
    const empty = sandbox.inspect.conversations("demo-member").at(-1);
    const response = await call(sandbox, `/v1/conversations/${empty?.id}/messages`, { token: sandbox.memberToken });
    expect(response.body).toEqual({ messages: [], nextCursor: null });
  });

  it.each([1, 100])("accepts limit=%i", async (limit) => {
    const sandbox = await quietSandbox();
    const response = await call(sandbox, `/v1/conversations/${sandbox.conversationId}/messages?limit=${limit}`, {
      token: sandbox.memberToken,
    });
    expect(response.status).toBe(200);
    expect(response.body.messages).toHaveLength(limit);
  });

  it.each([
    ["limit=0", "limit", /must be >= 1/],
    ["limit=101", "limit", /must be <= 100/],
    ["limit=ten", "limit", /must be integer/],
    ["limit=2.5", "limit", /must be integer/],
    ["limit=", "limit", /must be integer/],
    ["limit=5&limit=6", "limit", /must be integer/],
    ["cursor=a&cursor=b", "cursor", /must be string/],
    ["page=2", "page", /unknown query parameter "page"/],
    ["cursor=not-a-cursor", "cursor", /is not a cursor/],
    ["cursor=cur_%7B%7D", "cursor", /is not a cursor/],
    ["cursor=", "cursor", /is not a cursor/],
  ])("rejects %s naming %s", async (query, param, message) => {
    const sandbox = await quietSandbox();
    const response = await call(sandbox, `/v1/conversations/${sandbox.conversationId}/messages?${query}`, {
      token: sandbox.memberToken,
    });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: "invalid_request", param, retryable: false });
    expect(response.body.message).toMatch(message);
    expect(response.body.message).toContain(param);
  });

  it("rejects another conversation's cursor", async () => {
    const sandbox = await quietSandbox();
    const other = sandbox.createConversation("demo-member", { messages: 80 });
    const first = await call(sandbox, `/v1/conversations/${other.id}/messages?limit=10`, { token: sandbox.memberToken });
    const foreign = await call(sandbox, `/v1/conversations/${sandbox.conversationId}/messages?cursor=${first.body.nextCursor}`, { token: sandbox.memberToken });
    expect(foreign.status).toBe(400);
    expect(foreign.body).toMatchObject({ code: "invalid_request", param: "cursor" });
    expect(foreign.body.message).toMatch(/another conversation/);
  });

  it("accepts only cursors it issued: a forged one, a respelled one or another sandbox's is invalid_request", async () => {
    const [sandbox, other] = await Promise.all([quietSandbox(), quietSandbox()]);
    const path = `/v1/conversations/${sandbox.conversationId}/messages`;
    const issued: string = (await call(sandbox, `${path}?limit=10`, { token: sandbox.memberToken })).body.nextCursor;
    expect((await call(sandbox, `${path}?cursor=${encodeURIComponent(issued)}`, { token: sandbox.memberToken })).status).toBe(200);

    // What the sandbox once issued, and still would accept if cursors were not signed: base64 of a JSON pair.
    const forged = `cur_${Buffer.from(JSON.stringify([sandbox.conversationId, 10])).toString("base64url")}`;
    const [payload, signature = ""] = issued.split(".");
    const respelled = [`${issued}=`, `${payload}.${signature.replaceAll("-", "+").replaceAll("_", "/")}=`, `${payload}.${flipUnusedBits(signature)}`];
    const otherCursor: string = (await call(other, `/v1/conversations/${other.conversationId}/messages?limit=10`, { token: other.memberToken })).body
      .nextCursor;
    for (const cursor of [forged, ...respelled, otherCursor]) {
      const response = await call(sandbox, `${path}?cursor=${encodeURIComponent(cursor)}`, { token: sandbox.memberToken });
      expect(response.status, cursor).toBe(400);
      expect(response.body).toMatchObject({ code: "invalid_request", param: "cursor", message: expect.stringMatching(/not a cursor this server issued/) });
    }
  });

  it("decodes percent-encoded ids and answers bad percent-encoding with invalid_request", async () => {
    const sandbox = await quietSandbox();
    const encoded = sandbox.conversationId.replace("_", "%5F");
    const ok = await call(sandbox, `/v1/conversations/${encoded}/messages?limit=1`, { token: sandbox.memberToken });
    expect(ok.status).toBe(200);
    const bad = await call(sandbox, "/v1/conversations/%E0%A4%A/messages", { token: sandbox.memberToken });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: "invalid_request", param: "id" });
    const slash = await call(sandbox, "/v1/conversations/a%2Fb/messages", { token: sandbox.memberToken });
    expect(slash.status).toBe(404);
  });
});
