import type { Sandbox } from "@expys/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ExpysApiError, ExpysError } from "../src/index.ts";
import { initializeServer } from "../src/server.ts";
import { clientOf, quietSandbox, recordingFetch } from "./support.ts";

describe("authentication", () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await quietSandbox();
  });
  afterAll(() => sandbox.close());

  it("asks a token provider once and reuses its token", async () => {
    let asked = 0;
    const expys = clientOf(sandbox, {
      token: async () => {
        asked += 1;
        return sandbox.memberToken;
      },
    });
    await Promise.all([expys.listConversations(), expys.listConversations(), expys.listMessages(sandbox.conversationId)]);
    await expys.listConversations();
    expect(asked).toBe(1);
  });

  it("refreshes an expired token once for every call in flight, and the callers never notice", async () => {
    let asked = 0;
    const expired = sandbox.mintToken({ externalUserID: sandbox.externalUserID, ttlMs: 1 });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const expys = clientOf(sandbox, {
      token: async () => {
        asked += 1;
        return asked === 1 ? expired : sandbox.mintToken({ externalUserID: sandbox.externalUserID });
      },
    });
    const results = await Promise.all(Array.from({ length: 10 }, () => expys.listConversations()));
    expect(results.every((result) => result.conversations.length > 0)).toBe(true);
    expect(asked).toBe(2);
  });

  it("asks once per expiry even when every call learns of it in the same turn", async () => {
    let asked = 0;
    const fresh = sandbox.mintToken({ externalUserID: sandbox.externalUserID });
    // Every call that carries the old token is answered at once, so all the 401s land together.
    const expiring: typeof fetch = (input, init) =>
      new Headers(init?.headers).get("authorization") === "Bearer old"
        ? Promise.resolve(
            Response.json({ code: "token_expired", message: "expired", requestId: "r", retryable: false }, { status: 401, headers: { "X-Request-Id": "r" } }),
          )
        : fetch(input, init);
    const expys = clientOf(sandbox, {
      fetch: expiring,
      token: async () => {
        asked += 1;
        return asked === 1 ? "old" : fresh;
      },
    });
    const results = await Promise.all(Array.from({ length: 5 }, () => expys.listConversations()));
    expect(results.every((result) => result.conversations.length > 0)).toBe(true);
    expect(asked).toBe(2);
  });

  it("surfaces token_expired when the token is a fixed string", async () => {
    const expired = sandbox.mintToken({ externalUserID: sandbox.externalUserID, ttlMs: 1 });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const error = await clientOf(sandbox, { token: expired })
      .listConversations()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ExpysApiError);
    expect(error).toMatchObject({ status: 401, code: "token_expired", retryable: false });
  });

  it("does not loop when the provider keeps returning expired tokens", async () => {
    let asked = 0;
    const expired = sandbox.mintToken({ externalUserID: sandbox.externalUserID, ttlMs: 1 });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const expys = clientOf(sandbox, {
      token: () => {
        asked += 1;
        return expired;
      },
    });
    await expect(expys.listConversations()).rejects.toMatchObject({ code: "token_expired" });
    expect(asked).toBe(2);
  });

  it("refreshes again when the new token expires during a retry of the same call", async () => {
    let asked = 0;
    const expys = clientOf(sandbox, {
      token: () => {
        asked += 1;
        return sandbox.memberToken;
      },
    });
    // Expired, then accepted (a 503 answer), then expired again while the call retried.
    const rules = [
      { type: "status", status: 401, code: "token_expired" },
      { type: "status", status: 503, retryAfter: 0 },
      { type: "status", status: 401, code: "token_expired" },
    ] as const;
    const handles = rules.map((action) => sandbox.faults.add({ operation: "listConversations", times: 1, action }));
    await expect(expys.listConversations()).resolves.toHaveProperty("conversations");
    expect(handles.map((handle) => handle.injected)).toEqual([1, 1, 1]);
    expect(asked).toBe(3);
  });

  it("passes a provider's failure to the caller and asks again next time", async () => {
    let asked = 0;
    const expys = clientOf(sandbox, {
      token: async () => {
        asked += 1;
        if (asked === 1) throw new Error("backend down");
        return sandbox.memberToken;
      },
    });
    await expect(expys.listConversations()).rejects.toThrow("backend down");
    await expect(expys.listConversations()).resolves.toHaveProperty("conversations");
  });

  it("sends the bearer token and never the Org-API-Key from the app client", async () => {
    const { fetch, sent } = recordingFetch();
    const expys = clientOf(sandbox, { fetch });
    await expys.listConversations();
    await expys.sendMessage(sandbox.conversationId, "hi");
    for (const request of sent) {
      expect(request.headers.get("Authorization")).toBe(`Bearer ${sandbox.memberToken}`);
      expect(request.headers.has("Org-API-Key")).toBe(false);
      expect(request.headers.get("X-Expys-Client")).toMatch(/^@expys\/sdk\/\d+\.\d+\.\d+/);
    }
  });

  it("exchanges the Org-API-Key for tokens on the server client, and nothing else", async () => {
    const { fetch, sent } = recordingFetch();
    const server = initializeServer({ baseUrl: sandbox.baseUrl, environment: "sandbox", orgApiKey: sandbox.orgApiKey, fetch });
    const member = await server.exchangeToken({ externalUserID: "member-42" });
    expect(member).toMatchObject({ kind: "member", externalUserID: "member-42" });
    expect(sent[0]?.headers.get("Org-API-Key")).toBe(sandbox.orgApiKey);
    expect(sent[0]?.headers.has("Authorization")).toBe(false);
    const machine = await server.exchangeToken({});
    const asMachine = clientOf(sandbox, { token: machine.token });
    const { conversations } = await asMachine.listConversations({ externalUserID: sandbox.externalUserID });
    expect(conversations.map((conversation) => conversation.id)).toContain(sandbox.conversationId);
    await expect(asMachine.listConversations()).rejects.toMatchObject({ code: "invalid_request", param: "externalUserID" });
  });

  it("refuses a token with a line break before sending it, without echoing it", async () => {
    const { fetch, sent } = recordingFetch();
    const secret = "abc\r\nX-Evil: 1";
    const error = await clientOf(sandbox, { fetch, token: secret })
      .listConversations()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ExpysError);
    expect(String((error as Error).message)).not.toContain("abc");
    expect(sent).toHaveLength(0);
  });

  it("keeps the token out of errors and log lines", async () => {
    const lines: string[] = [];
    const logger = {
      debug: (line: string) => lines.push(line),
      info: (line: string) => lines.push(line),
      warn: (line: string) => lines.push(line),
      error: (line: string) => lines.push(line),
    };
    const token = sandbox.mintToken({ externalUserID: "someone-else" });
    sandbox.faults.add({ operation: "listMessages", times: 1, action: { type: "status", status: 503, retryAfter: 0 } });
    const expys = clientOf(sandbox, { token, logger, logLevel: "debug" });
    const error = await expys.listMessages(sandbox.conversationId).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: "not_found" });
    expect(lines.length).toBeGreaterThan(1);
    for (const text of [...lines, String(error), JSON.stringify(error), (error as Error).stack ?? ""]) expect(text).not.toContain(token);
  });
});
