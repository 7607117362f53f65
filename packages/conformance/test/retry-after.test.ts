import { expect } from "vitest";
import { succeeded } from "../src/outcomes.ts";
import { scenario } from "../src/scenario.ts";

scenario(
  "retry-after-503",
  "a send answered 503 with Retry-After: 1 is retried no sooner than 1 s later, and stored once",
  async ({ sandbox, proxy, client }) => {
    const conversationId = sandbox.conversationId;
    sandbox.faults.add({ operation: "sendMessage", times: 1, action: { type: "status", status: 503, retryAfter: 1 } });
    const expys = await client();
    expect(succeeded(await expys.call("sendMessage", { conversationId, message: "after a 503" }))).toEqual({ ok: true });
    const [first, retry] = proxy.requests;
    expect(first?.status).toBe(503);
    expect(retry!.receivedAt - first!.receivedAt).toBeGreaterThanOrEqual(950);
    expect(retry?.headers["idempotency-key"]).toBe(first?.headers["idempotency-key"]);
    expect(sandbox.inspect.messages(conversationId).filter(({ body }) => body === "after a 503")).toHaveLength(1);
  },
);

scenario("retry-after-429", "a read answered 429 with Retry-After: 2 is retried no sooner than 2 s later", async ({ sandbox, proxy, client }) => {
  const conversationId = sandbox.conversationId;
  sandbox.faults.add({ operation: "listMessages", times: 1, action: { type: "status", status: 429, retryAfter: 2 } });
  const expys = await client();
  expect(succeeded(await expys.call("listMessages", { conversationId, limit: 5 })).messages).toHaveLength(5);
  const [first, retry] = proxy.requests;
  expect(first?.status).toBe(429);
  expect(retry!.receivedAt - first!.receivedAt).toBeGreaterThanOrEqual(1950);
});
