import { createServer } from "node:net";
import { expect } from "vitest";
import { closedAfter, failed, settledState, succeeded } from "../src/outcomes.ts";
import { scenario } from "../src/scenario.ts";

/** A port on 127.0.0.1 where nothing listens. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

scenario("connection-refused", "a refused connection is kind connection", async ({ client }) => {
  const expys = await client({ baseUrl: `http://127.0.0.1:${await closedPort()}`, maxRetries: 0 });
  expect(failed(await expys.call("listConversations", {})).kind).toBe("connection");
});

scenario("connection-error-names-host-and-cause", "a connection error names the host and the cause", async ({ client }) => {
  const port = await closedPort();
  const expys = await client({ baseUrl: `http://127.0.0.1:${port}`, maxRetries: 0 });
  const error = failed(await expys.call("listConversations", {}));
  expect(error.kind).toBe("connection");
  expect(error.message).toContain(`127.0.0.1:${port}`);
  expect(error.message).toMatch(/ECONNREFUSED|refused/i);
});

scenario("reads-survive-lost-request-and-answer", "a read whose request or answer is lost is retried and succeeds", async ({ sandbox, proxy, client }) => {
  const conversationId = sandbox.conversationId;
  const path = `/v1/conversations/${conversationId}/messages`;
  const expys = await client();
  for (const type of ["dropRequest", "dropAnswer"] as const) {
    const rule = proxy.addRule({ path, times: 1, action: { type } });
    const page = succeeded(await expys.call("listMessages", { conversationId, limit: 10 }), `listMessages after ${type}`);
    expect(page.messages).toEqual(sandbox.inspect.messages(conversationId).slice(-10));
    expect(rule.fired).toBe(1);
  }
  expect(proxy.requests.filter(({ url }) => url.startsWith(path))).toHaveLength(4);
});

scenario(
  "timeout-waiting-for-answer",
  "no answer within timeoutMs is kind timeout; the connection is closed and nothing is left running",
  async ({ sandbox, proxy, client }) => {
    sandbox.faults.add({ operation: "listConversations", action: { type: "latency", ms: 20_000 } });
    const expys = await client({ timeoutMs: 500, maxRetries: 0 });
    const error = failed(await expys.call("listConversations", {}));
    const returnedAt = Date.now();
    expect(error.kind).toBe("timeout");
    expect(await closedAfter(proxy, proxy.requests[0]!, returnedAt)).toBeLessThanOrEqual(1000);
    expect(await settledState(expys)).toMatchObject({ openConnections: 0, timers: 0, streams: 0, calls: 0 });
  },
);

scenario("timeout-stalled-body", "an answer whose body stalls is kind timeout after timeoutMs; the connection is closed", async ({ proxy, client }) => {
  proxy.addRule({ path: "/v1/conversations", action: { type: "stallBody", afterBytes: 10 } });
  const expys = await client({ timeoutMs: 800, maxRetries: 0 });
  const error = failed(await expys.call("listConversations", {}));
  const returnedAt = Date.now();
  expect(error.kind, error.message).toBe("timeout");
  expect(await closedAfter(proxy, proxy.requests[0]!, returnedAt)).toBeLessThanOrEqual(1000);
  expect(await settledState(expys)).toMatchObject({ openConnections: 0, timers: 0, streams: 0, calls: 0 });
});

scenario("stalled-body-retried", "a read whose body stalls is retried after timeoutMs and succeeds", async ({ sandbox, proxy, client }) => {
  proxy.addRule({ path: "/v1/conversations", times: 1, action: { type: "stallBody", afterBytes: 10 } });
  const expys = await client({ timeoutMs: 800 });
  const listed = succeeded(await expys.call("listConversations", {}));
  expect(listed.conversations).toEqual(sandbox.inspect.conversations(sandbox.externalUserID));
  expect(proxy.requests).toHaveLength(2);
});
