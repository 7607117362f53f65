import { expect } from "vitest";
import { type FaultProxy, startFaultProxy } from "../src/fault-proxy.ts";
import { failed } from "../src/outcomes.ts";
import { scenario } from "../src/scenario.ts";
import { eventually } from "../src/wait.ts";

scenario("no-token-in-errors", "no error message contains the token, whatever failed", async ({ sandbox, proxy, client }) => {
  const token = "sbx_conformance_not_a_real_token_4f1c";
  const unknown = await client({ token, maxRetries: 0, timeoutMs: 500 });
  const messages = [failed(await unknown.call("listConversations", {}), "with an unknown token").message];
  sandbox.faults.add({ operation: "listMessages", action: { type: "latency", ms: 5000 } });
  const valid = await client({ maxRetries: 0, timeoutMs: 500 });
  messages.push(failed(await valid.call("listMessages", { conversationId: sandbox.conversationId }), "a timeout").message);
  await proxy.close();
  messages.push(failed(await valid.call("listConversations", {}), "a refused connection").message);
  for (const message of messages) {
    expect(message).not.toContain(token);
    expect(message).not.toContain(sandbox.memberToken);
  }
});

scenario("no-password-in-errors", "no error message contains a password given in baseUrl", async ({ sandbox, proxy, service }) => {
  const password = "pa55w0rd-conformance";
  await proxy.close();
  const baseUrl = proxy.url.replace("http://", `http://member:${password}@`);
  const created = await service.tryCreateClient({ baseUrl, token: sandbox.memberToken, maxRetries: 0 });
  const error = created.ok ? failed(await created.client.call("listConversations", {})) : created.error;
  if (created.ok) await created.client.close();
  expect(error.message).not.toContain(password);
});

/** A second origin (another port) in front of the same sandbox, recording what reaches it. */
async function elsewhere(upstream: string, cleanup: (task: () => unknown) => void): Promise<FaultProxy> {
  const other = await startFaultProxy(upstream);
  cleanup(() => other.close());
  return other;
}

scenario(
  "no-credentials-across-origins",
  "a redirect to another origin never carries the token, for calls and streams",
  async ({ sandbox, proxy, client, callbacks, cleanup }) => {
    const other = await elsewhere(sandbox.baseUrl, cleanup);
    const streamPath = `/v1/conversations/${sandbox.conversationId}/stream`;
    const calls = proxy.addRule({ path: "/v1/conversations", action: { type: "answer", status: 307, headers: { location: `${other.url}/v1/conversations` } } });
    const streams = proxy.addRule({ path: streamPath, action: { type: "answer", status: 307, headers: { location: `${other.url}${streamPath}` } } });
    const expys = await client({ maxRetries: 0 });
    await expys.call("listConversations", {});
    const channel = await callbacks();
    const stream = await expys.openStream({ conversationId: sandbox.conversationId }, channel);
    await eventually("the stream to be redirected", () => other.requests.some(({ url }) => url === streamPath) || channel.events.length > 0, 5000);
    await stream.stop();
    // Following the redirects or refusing them are both fine; sending the token along is not.
    expect(calls.fired).toBeGreaterThanOrEqual(1);
    expect(streams.fired).toBeGreaterThanOrEqual(1);
    for (const request of other.requests) expect(request.headers.authorization, `${request.method} ${request.url} at the other origin`).toBeUndefined();
  },
);

scenario(
  "write-not-turned-into-read",
  "a 301, 302 or 303 answer to a send is not followed as a GET, and never reported as the send's result",
  async ({ sandbox, proxy, client }) => {
    const expys = await client({ maxRetries: 0 });
    for (const status of [301, 302, 303]) {
      const conversation = sandbox.createConversation(sandbox.externalUserID);
      const path = `/v1/conversations/${conversation.id}/messages`;
      proxy.addRule({ method: "POST", path, action: { type: "answer", status, headers: { location: "/v1/conversations" } } });
      const outcome = await expys.call("sendMessage", { conversationId: conversation.id, message: `redirected by ${status}` });
      expect(outcome.ok, `after a ${status}: ${JSON.stringify(outcome).slice(0, 300)}`).toBe(false);
    }
    expect(proxy.requests.filter(({ method }) => method === "GET").map(({ url }) => url)).toEqual([]);
  },
);
