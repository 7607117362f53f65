// Runs under node:test on any Node >= 20 (vitest needs 22), against the BUILT
// package, as a user on the machine's Node 20 would use it.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { startSandbox } from "@expys/sandbox";
import { ExpysApiError, initialize } from "@expys/sdk";

let sandbox;
let expys;
before(async () => {
  sandbox = await startSandbox({ log: false, agent: false });
  expys = initialize({ baseUrl: sandbox.baseUrl, environment: "sandbox", token: sandbox.memberToken, backoff: { baseMs: 1, capMs: 5 }, logLevel: "off" });
});
after(() => sandbox.close());

test("lists conversations and a page of messages", async () => {
  const { conversations } = await expys.listConversations({ externalUserID: sandbox.externalUserID });
  assert.ok(conversations.some((conversation) => conversation.id === sandbox.conversationId));
  const page = await expys.listMessages(sandbox.conversationId, { limit: 5 });
  assert.equal(page.messages.length, 5);
  assert.equal(typeof page.nextCursor, "string");
});

test("retries a send whose response was lost, and posts it once", async () => {
  const conversation = sandbox.createConversation(sandbox.externalUserID);
  sandbox.faults.add({ operation: "sendMessage", times: 1, action: { type: "drop", when: "after" } });
  assert.deepEqual(await expys.sendMessage(conversation.id, "on node 20"), { ok: true });
  assert.deepEqual(
    sandbox.inspect.messages(conversation.id).map((message) => message.body),
    ["on node 20"],
  );
});

test("types error answers", async () => {
  await assert.rejects(expys.listMessages("missing"), (error) => error instanceof ExpysApiError && error.code === "not_found" && error.status === 404);
});

test("streams messages and closes the connection on break", async () => {
  const conversation = sandbox.createConversation(sandbox.externalUserID);
  const posting = setInterval(() => {
    if (sandbox.inspect.openStreams(conversation.id) > 0) sandbox.postAsAgent(conversation.id, "live");
  }, 5);
  const received = [];
  for await (const message of expys.streamMessages(conversation.id)) {
    received.push(message.body);
    if (received.length === 3) break;
  }
  clearInterval(posting);
  assert.deepEqual(received, ["live", "live", "live"]);
  for (let waited = 0; sandbox.inspect.openStreams(conversation.id) > 0 && waited < 2000; waited += 10) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  assert.equal(sandbox.inspect.openStreams(conversation.id), 0);
});
