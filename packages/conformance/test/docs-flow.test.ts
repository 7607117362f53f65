import { expect } from "vitest";
import { scenario } from "../src/scenario.ts";

scenario("docs-flow", "the docs' flow: list conversations, read a page, walk every page, send", async ({ sandbox, proxy, client }) => {
  const expys = await client();
  const member = sandbox.externalUserID;

  const listed = await expys.call("listConversations", { externalUserID: member });
  expect(listed).toEqual({ ok: true, result: { conversations: sandbox.inspect.conversations(member) } });

  const conversationId = sandbox.conversationId;
  const history = sandbox.inspect.messages(conversationId);
  const page = await expys.call("listMessages", { conversationId, externalUserID: member, limit: 50 });
  if (!page.ok) throw new Error(`listMessages failed: ${JSON.stringify(page.error)}`);
  expect(page.result.messages).toEqual(history.slice(-50));
  expect(typeof page.result.nextCursor).toBe("string");

  // The walk must equal the pages read one by one with their cursors, and hold every message once.
  const pages = [page.result.messages];
  for (let cursor = page.result.nextCursor; cursor !== null; ) {
    const next = await expys.call("listMessages", { conversationId, limit: 50, cursor });
    if (!next.ok) throw new Error(`listMessages with a cursor failed: ${JSON.stringify(next.error)}`);
    pages.push(next.result.messages);
    cursor = next.result.nextCursor;
  }
  const walked = await expys.call("listAllMessages", { conversationId, limit: 50 });
  expect(walked).toEqual({ ok: true, result: pages.flat() });
  expect(new Set(pages.flat().map(({ id }) => id))).toEqual(new Set(history.map(({ id }) => id)));
  expect(pages.flat()).toHaveLength(history.length);

  const sent = await expys.call("sendMessage", { conversationId, message: "Hello from the SDK" });
  expect(sent).toEqual({ ok: true, result: { ok: true } });
  const stored = sandbox.inspect.messages(conversationId).filter(({ body }) => body === "Hello from the SDK");
  expect(stored).toHaveLength(1);
  expect(stored[0]?.authorID).toBe(member);
  // Writes carry an Idempotency-Key the SDK made up.
  const post = proxy.requests.find(({ method }) => method === "POST");
  expect(post?.headers["idempotency-key"]).toMatch(/\S{8,}/);
});
