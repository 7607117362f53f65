import { expect } from "vitest";
import { expectError, failed } from "../src/outcomes.ts";
import type { Operations } from "../src/protocol-types.ts";
import { scenario } from "../src/scenario.ts";
import { awaitFinal } from "../src/streams.ts";

const injected = "value\r\nX-Injected: yes";

scenario(
  "invalid-line-break-in-idempotency-key",
  "a CR/LF in an idempotency key is invalid, names the header, and sends nothing",
  async ({ sandbox, proxy, client }) => {
    const expys = await client();
    const error = failed(await expys.call("sendMessage", { conversationId: sandbox.conversationId, message: "hi", idempotencyKey: injected }));
    expectError(error, { kind: "invalid" });
    expect(error.message).toMatch(/idempotency-key/i);
    expect(proxy.requests).toEqual([]);
  },
);

scenario("invalid-header-outside-latin1", "an idempotency key outside Latin-1 is invalid and sends nothing", async ({ sandbox, proxy, client }) => {
  const expys = await client({ maxRetries: 0 });
  const error = failed(await expys.call("sendMessage", { conversationId: sandbox.conversationId, message: "hi", idempotencyKey: "key-日本" }));
  expectError(error, { kind: "invalid" });
  expect(error.message).toMatch(/idempotency-key/i);
  expect(proxy.requests).toEqual([]);
});

scenario(
  "invalid-line-break-in-last-event-id",
  "a CR/LF in lastEventID fails the stream as invalid, naming the header, and sends nothing",
  async ({ sandbox, proxy, client, callbacks }) => {
    const expys = await client();
    const channel = await callbacks();
    await expys.openStream({ conversationId: sandbox.conversationId, lastEventID: injected }, channel);
    const final = await awaitFinal(channel, 5000);
    if (final.kind !== "error") throw new Error(`the stream ended without an error: ${JSON.stringify(final)}`);
    expectError(final.error, { kind: "invalid" });
    expect(final.error.message).toMatch(/last-event-id/i);
    expect(proxy.requests).toEqual([]);
  },
);

scenario("invalid-line-break-in-token", "a CR/LF in the token is invalid (at creation or first call) and sends nothing", async ({ proxy, service }) => {
  const created = await service.tryCreateClient({ baseUrl: proxy.url, token: injected });
  const error = created.ok ? failed(await created.client.call("listConversations", {})) : created.error;
  if (created.ok) await created.client.close();
  expectError(error, { kind: "invalid" });
  expect(error.message).not.toContain("X-Injected");
  expect(proxy.requests).toEqual([]);
});

scenario(
  "invalid-dot-segment-ids",
  "`.` and `..` as a conversation id are invalid for every operation and send nothing",
  async ({ proxy, client, callbacks }) => {
    const expys = await client();
    const calls: [keyof Operations, Record<string, unknown>][] = [
      ["listMessages", {}],
      ["listAllMessages", {}],
      ["sendMessage", { message: "hi" }],
    ];
    for (const conversationId of ["..", "."]) {
      for (const [operation, params] of calls) {
        const error = failed(await expys.call(operation, { conversationId, ...params }), `${operation}(${JSON.stringify(conversationId)})`);
        expectError(error, { kind: "invalid" }, `${operation}(${JSON.stringify(conversationId)}): the SDK reported`);
      }
      const channel = await callbacks();
      await expys.openStream({ conversationId }, channel);
      const final = await awaitFinal(channel, 5000);
      expect(final.kind === "error" && final.error.kind, `streamMessages(${JSON.stringify(conversationId)}): ${JSON.stringify(final)}`).toBe("invalid");
    }
    expect(proxy.requests.map(({ method, url }) => `${method} ${url}`)).toEqual([]);
  },
);

scenario("invalid-empty-id", "an empty conversation id is invalid and sends nothing", async ({ proxy, client }) => {
  const expys = await client();
  for (const operation of ["listMessages", "sendMessage"] as const) {
    expectError(failed(await expys.call(operation, { conversationId: "", message: "hi" }), operation), { kind: "invalid" });
  }
  expect(proxy.requests).toEqual([]);
});

scenario("invalid-base-url", "a baseUrl without a scheme is invalid (at creation or first call) and names baseUrl", async ({ proxy, service, sandbox }) => {
  const created = await service.tryCreateClient({ baseUrl: proxy.url.replace("http://", ""), token: sandbox.memberToken });
  const error = created.ok ? failed(await created.client.call("listConversations", {})) : created.error;
  if (created.ok) await created.client.close();
  expectError(error, { kind: "invalid" });
  // Named as each language spells the option: baseUrl in TypeScript and Kotlin, baseURL in Swift.
  expect(error.message).toMatch(/baseUrl/i);
  expect(proxy.requests).toEqual([]);
});

scenario("path-parameters-encoded", "an id with /, ? and # is sent as one encoded path segment and cannot change the route", async ({ proxy, client }) => {
  const expys = await client();
  const error = failed(await expys.call("listMessages", { conversationId: "a/b?c=d#e" }));
  expectError(error, { kind: "api", status: 404, code: "not_found" });
  expect(proxy.requests.map(({ url }) => url)).toEqual(["/v1/conversations/a%2Fb%3Fc%3Dd%23e/messages"]);
});
