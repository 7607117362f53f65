import { describe, expect, it } from "vitest";
import { call, flipUnusedBits, quietSandbox, schemaErrors } from "./helpers.ts";

const exchange = (sandbox: { baseUrl: string; orgApiKey: string }, json: unknown, headers: Record<string, string> = {}) =>
  call(sandbox, "/v1/auth/exchange", { method: "POST", json, headers: { "Org-API-Key": sandbox.orgApiKey, ...headers } });

describe("POST /v1/auth/exchange", () => {
  it("mints a member token that works on the member's routes", async () => {
    const sandbox = await quietSandbox();
    const before = Date.now();
    const minted = await exchange(sandbox, { externalUserID: "demo-member" });
    expect(minted.status).toBe(200);
    expect(schemaErrors("TokenExchangeResponse", minted.body)).toEqual([]);
    expect(minted.body).toMatchObject({ kind: "member", externalUserID: "demo-member", expiresIn: 900 });
    const expiresAt = Date.parse(minted.body.expiresAt);
    expect(expiresAt).toBeGreaterThanOrEqual(before + 900_000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 900_000);

    const listed = await call(sandbox, "/v1/conversations", { token: minted.body.token });
    expect(listed.status).toBe(200);
    expect(listed.body.conversations.map((c: { id: string }) => c.id)).toContain(sandbox.conversationId);
  });

  it("mints a machine token without externalUserID, honouring ttlSeconds", async () => {
    const sandbox = await quietSandbox();
    const minted = await exchange(sandbox, { ttlSeconds: 60 });
    expect(minted.status).toBe(200);
    expect(minted.body).toMatchObject({ kind: "machine", externalUserID: null, expiresIn: 60 });
    expect(schemaErrors("TokenExchangeResponse", minted.body)).toEqual([]);
  });

  it("uses tokenTtlMs when the request does not ask for a lifetime", async () => {
    const sandbox = await quietSandbox({ tokenTtlMs: 120_000 });
    const minted = await exchange(sandbox, {});
    expect(minted.body.expiresIn).toBe(120);
  });

  it("rejects a missing or wrong Org-API-Key, and a bearer token, without echoing either", async () => {
    const sandbox = await quietSandbox();
    const missing = await call(sandbox, "/v1/auth/exchange", { method: "POST", json: {} });
    const wrong = await exchange(sandbox, {}, { "Org-API-Key": "sbx_org_not-the-key" });
    const bearer = await call(sandbox, "/v1/auth/exchange", { method: "POST", json: {}, token: sandbox.memberToken });
    for (const response of [missing, wrong, bearer]) {
      expect(response.status).toBe(401);
      expect(response.body).toMatchObject({ code: "unauthorized", retryable: false });
      expect(JSON.stringify(response.body)).not.toContain("not-the-key");
      expect(JSON.stringify(response.body)).not.toContain(sandbox.memberToken);
    }
    expect(bearer.body.message).toMatch(/Org-API-Key/);
  });

  it.each([
    [{ externalUserID: "" }, "externalUserID", /must NOT have fewer than 1 characters/],
    [{ externalUserID: "x".repeat(129) }, "externalUserID", /must NOT have more than 128/],
    [{ ttlSeconds: 59 }, "ttlSeconds", /must be >= 60/],
    [{ ttlSeconds: 3601 }, "ttlSeconds", /must be <= 3600/],
    [{ ttlSeconds: 90.5 }, "ttlSeconds", /must be integer/],
    [{ ttlSeconds: "60" }, "ttlSeconds", /must be integer/],
    [{ externalUserID: 7 }, "externalUserID", /must be string/],
    [{ externalUserID: "concierge" }, "externalUserID", /must match pattern/],
    [{ externalUserID: "line\nbreak" }, "externalUserID", /must match pattern/],
    [{ externalUserID: "bell\u0007" }, "externalUserID", /must match pattern/],
    [{ externalUserID: "c1\u0085" }, "externalUserID", /must match pattern/],
    [{ role: "admin" }, "role", /unknown field "role"/],
  ])("rejects the body %j naming %s", async (json, param, message) => {
    const sandbox = await quietSandbox();
    const response = await exchange(sandbox, json);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: "invalid_request", param, retryable: false });
    expect(response.body.message).toMatch(message);
    expect(response.body.message).toContain(param);
  });

  it("mints a machine token without a body, and rejects a body that is not an object", async () => {
    const sandbox = await quietSandbox();
    const headers = { "Org-API-Key": sandbox.orgApiKey };
    const empty = await call(sandbox, "/v1/auth/exchange", { method: "POST", headers });
    expect(empty.status).toBe(200);
    expect(empty.body).toMatchObject({ kind: "machine", externalUserID: null });
    const array = await exchange(sandbox, []);
    expect(array.status).toBe(400);
    expect(array.body.message).toMatch(/body must be object/);
  });
});

describe("bearer tokens", () => {
  it("answers token_expired once a token has expired, and it is not retryable", async () => {
    const sandbox = await quietSandbox({ tokenTtlMs: 40 });
    await new Promise((resolve) => setTimeout(resolve, 60));
    const response = await call(sandbox, "/v1/conversations", { token: sandbox.memberToken });
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ code: "token_expired", retryable: false });
    expect(JSON.stringify(response.body)).not.toContain(sandbox.memberToken);
  });

  it("treats a token minted with ttlMs 0 as expired, and a fresh one as valid", async () => {
    const sandbox = await quietSandbox();
    const expired = sandbox.mintToken({ externalUserID: "demo-member", ttlMs: 0 });
    expect((await call(sandbox, "/v1/conversations", { token: expired })).body.code).toBe("token_expired");
    const fresh = sandbox.mintToken({ externalUserID: "demo-member" });
    expect((await call(sandbox, "/v1/conversations", { token: fresh })).status).toBe(200);
  });

  it.each([
    ["garbage", { Authorization: "Bearer not-a-token" }],
    ["a tampered signature", { Authorization: "Bearer TAMPER" }],
    ["another scheme", { Authorization: "Basic dXNlcjpwYXNz" }],
    ["no credential", {}],
  ])("answers unauthorized for %s", async (_name, headers: Record<string, string>) => {
    const sandbox = await quietSandbox();
    if (headers.Authorization === "Bearer TAMPER") headers.Authorization = `Bearer ${sandbox.memberToken.slice(0, -2)}xx`;
    const response = await call(sandbox, "/v1/conversations", { headers });
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ code: "unauthorized", retryable: false });
  });

  it("accepts only the exact spelling of a signature it made: respelled base64 is unauthorized", async () => {
    const sandbox = await quietSandbox();
    // Draw tokens until one's signature has a character that differs between the two base64 alphabets.
    let token = sandbox.memberToken;
    while (!/[-_]/.test(token.split(".")[1] ?? "")) token = sandbox.mintToken({ externalUserID: "demo-member" });
    expect((await call(sandbox, "/v1/conversations", { token })).status).toBe(200);
    const [payload, signature = ""] = token.split(".");
    const respellings = [
      `${token}=`,
      `${payload}.${signature.replaceAll("-", "+").replaceAll("_", "/")}`,
      `${payload}.${flipUnusedBits(signature)}`,
      `${payload}=.${signature}`,
    ];
    for (const respelled of respellings) {
      expect(Buffer.from(respelled.split(".")[1] ?? "", "base64")).toEqual(Buffer.from(signature, "base64url"));
      const response = await call(sandbox, "/v1/conversations", { token: respelled });
      expect(response.status, respelled).toBe(401);
      expect(response.body.code).toBe("unauthorized");
    }
  });

  it("rejects a token minted by another sandbox", async () => {
    const [one, two] = await Promise.all([quietSandbox(), quietSandbox()]);
    const response = await call(one, "/v1/conversations", { token: two.memberToken });
    expect(response.body.code).toBe("unauthorized");
  });

  it("rejects the Org-API-Key on a bearer route, pointing at the exchange", async () => {
    const sandbox = await quietSandbox();
    const response = await call(sandbox, "/v1/conversations", { headers: { "Org-API-Key": sandbox.orgApiKey } });
    expect(response.status).toBe(401);
    expect(response.body.code).toBe("unauthorized");
    expect(response.body.message).toMatch(/exchange/);
    expect(response.body.message).not.toContain(sandbox.orgApiKey);
  });
});

describe("acting member", () => {
  it("lets a member token name its own member, and forbids naming another", async () => {
    const sandbox = await quietSandbox();
    const own = await call(sandbox, "/v1/conversations?externalUserID=demo-member", { token: sandbox.memberToken });
    expect(own.status).toBe(200);
    const other = await call(sandbox, "/v1/conversations?externalUserID=someone-else", { token: sandbox.memberToken });
    expect(other.status).toBe(403);
    expect(other.body).toMatchObject({ code: "forbidden", param: "externalUserID", retryable: false });
  });

  it("requires externalUserID with a machine token, and acts for the named member", async () => {
    const sandbox = await quietSandbox();
    const machine = sandbox.mintToken();
    const missing = await call(sandbox, "/v1/conversations", { token: machine });
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ code: "invalid_request", param: "externalUserID" });
    expect(missing.body.message).toContain("externalUserID");

    const listed = await call(sandbox, "/v1/conversations?externalUserID=demo-member", { token: machine });
    expect(listed.body.conversations).toHaveLength(4);
    const path = `/v1/conversations/${sandbox.conversationId}/messages?externalUserID=demo-member`;
    const sent = await call(sandbox, path, { method: "POST", token: machine, json: { message: "on behalf" } });
    expect(sent.body).toEqual({ ok: true });
    expect(sandbox.inspect.messages(sandbox.conversationId).at(-1)).toMatchObject({
      authorID: "demo-member",
      body: "on behalf",
    });
  });

  it.each([
    ["concierge", "concierge"],
    ["a control character", "evil%07member"],
    ["a line break", "evil%0D%0Amember"],
  ])("refuses %s as the member a machine token acts for", async (_name, id) => {
    const sandbox = await quietSandbox();
    const response = await call(sandbox, `/v1/conversations?externalUserID=${id}`, { token: sandbox.mintToken() });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: "invalid_request", param: "externalUserID" });
  });

  it("refuses the same ids in the test controls, with a TypeError", async () => {
    const sandbox = await quietSandbox();
    expect(() => sandbox.mintToken({ externalUserID: "concierge" })).toThrow(TypeError);
    expect(() => sandbox.mintToken({ externalUserID: "tab\there" })).toThrow(/externalUserID "tab\\there" is not a valid member id/);
    expect(() => sandbox.createConversation("concierge")).toThrow(/createConversation: externalUserID "concierge" is not a valid member id/);
    expect(sandbox.inspect.conversations("concierge")).toEqual([]);
    expect(sandbox.mintToken({ externalUserID: "Concierge" })).toMatch(/^sbx_/);
  });

  it("validates externalUserID's bounds from the spec", async () => {
    const sandbox = await quietSandbox();
    const response = await call(sandbox, `/v1/conversations?externalUserID=${"x".repeat(129)}`, {
      token: sandbox.mintToken(),
    });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: "invalid_request", param: "externalUserID" });
  });
});
