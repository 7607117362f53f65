import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Sandbox } from "@expys/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ExpysApiError, ExpysArgumentError, initialize } from "../src/index.ts";
import { initializeServer } from "../src/server.ts";
import { clientOf, quietSandbox, recordingFetch } from "./support.ts";

/** A real server on 127.0.0.1 that records what it receives and answers with `answer`. */
async function recorder(answer: (path: string) => { status: number; headers?: Record<string, string>; body?: string }) {
  const received: { path: string; headers: IncomingHttpHeaders }[] = [];
  const server: Server = createServer((request, response) => {
    received.push({ path: request.url ?? "", headers: request.headers });
    const { status, headers = {}, body = "" } = answer(request.url ?? "");
    response.writeHead(status, headers).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { received, url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe("security", () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await quietSandbox();
  });
  afterAll(() => sandbox.close());

  it("encodes path parameters, so an id cannot change the route", async () => {
    const { fetch, sent } = recordingFetch();
    const expys = clientOf(sandbox, { fetch });
    for (const id of ["../../v1/conversations", "a/b", "x?limit=1", "#frag", "ümlaut id"]) {
      await expect(expys.listMessages(id)).rejects.toMatchObject({ code: "not_found" });
    }
    expect(sent.map((request) => request.url.pathname)).toEqual([
      "/v1/conversations/..%2F..%2Fv1%2Fconversations/messages",
      "/v1/conversations/a%2Fb/messages",
      "/v1/conversations/x%3Flimit%3D1/messages",
      "/v1/conversations/%23frag/messages",
      "/v1/conversations/%C3%BCmlaut%20id/messages",
    ]);
    expect(sent.every((request) => request.url.search === "")).toBe(true);
  });

  it("refuses an empty path parameter instead of calling another route", async () => {
    const { fetch, sent } = recordingFetch();
    await expect(clientOf(sandbox, { fetch }).listMessages("")).rejects.toThrow('path parameter "id" cannot be ""');
    expect(sent).toHaveLength(0);
  });

  it.each([
    ["an idempotency key", (expys: ReturnType<typeof clientOf>) => expys.sendMessage(sandbox.conversationId, "hi", { idempotencyKey: "k\r\nX-Injected: 1" })],
    ["a per-call header", (expys: ReturnType<typeof clientOf>) => expys.listConversations({}, { headers: { "X-Trace": "a\nb" } })],
  ])("refuses a line break in %s before anything is sent", async (_, call) => {
    const { fetch, sent } = recordingFetch();
    const error = await call(clientOf(sandbox, { fetch })).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ExpysArgumentError);
    expect((error as Error).message).toMatch(/^the [\w-]+ header cannot carry U\+000[AD]$/);
    expect(sent).toHaveLength(0);
  });

  it("does not send the bearer token to another origin after a redirect", async () => {
    const elsewhere = await recorder(() => ({ status: 200, headers: { "Content-Type": "application/json" }, body: '{"conversations":[]}' }));
    const redirecting = await recorder((path) => ({ status: 307, headers: { Location: `${elsewhere.url}${path}` } }));
    try {
      const expys = initialize({ baseUrl: redirecting.url.replace("127.0.0.1", "localhost"), environment: "sandbox", token: "member-secret", logLevel: "off" });
      await expect(expys.listConversations()).resolves.toEqual({ conversations: [] });
      expect(redirecting.received[0]?.headers.authorization).toBe("Bearer member-secret");
      expect(elsewhere.received).toHaveLength(1);
      expect(elsewhere.received[0]?.headers.authorization).toBeUndefined();
    } finally {
      await Promise.all([elsewhere.close(), redirecting.close()]);
    }
  });

  it("never follows a redirect of the Org-API-Key exchange, so the key goes nowhere else", async () => {
    const elsewhere = await recorder(() => ({ status: 200, headers: { "Content-Type": "application/json" }, body: "{}" }));
    const redirecting = await recorder(() => ({ status: 308, headers: { Location: `${elsewhere.url}/v1/auth/exchange` } }));
    try {
      const server = initializeServer({ baseUrl: redirecting.url, environment: "sandbox", orgApiKey: "org-secret", logLevel: "off" });
      const error = await server.exchangeToken({}).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ExpysApiError);
      expect(error).toMatchObject({ status: 308, code: "unknown", retryable: false });
      expect(redirecting.received.map((request) => request.headers["org-api-key"])).toEqual(["org-secret"]);
      expect(elsewhere.received).toHaveLength(0);
    } finally {
      await Promise.all([elsewhere.close(), redirecting.close()]);
    }
  });

  it("lets a member see only their own conversations", async () => {
    const theirs = sandbox.createConversation("someone-else", { messages: 3 });
    const expys = clientOf(sandbox);
    const { conversations } = await expys.listConversations();
    expect(conversations.map((conversation) => conversation.id)).not.toContain(theirs.id);
    await expect(expys.listMessages(theirs.id)).rejects.toMatchObject({ status: 404, code: "not_found" });
    await expect(expys.sendMessage(theirs.id, "intrusion")).rejects.toMatchObject({ status: 404, code: "not_found" });
    await expect(expys.listConversations({ externalUserID: "someone-else" })).rejects.toMatchObject({ status: 403, code: "forbidden" });
    expect(sandbox.inspect.messages(theirs.id)).toHaveLength(3);
  });
});
