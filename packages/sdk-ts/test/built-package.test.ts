// The package as published: dist/, whose internal property names
// scripts/mangle-dist.ts shortened. The other tests run src/; these prove that
// the built generated code and runtime still agree on every renamed property,
// over real HTTP.
import { readdir, readFile } from "node:fs/promises";
import type { Sandbox } from "@expys/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { INTERNAL_PROPERTIES } from "../scripts/internal-properties.ts";
import { quietSandbox, recordingFetch } from "./support.ts";

const dist = new URL("../dist/", import.meta.url);
const built = (await import(new URL("index.js", dist).href)) as typeof import("../src/index.ts");
const builtServer = (await import(new URL("server.js", dist).href)) as typeof import("../src/server.ts");

describe("the built package", () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await quietSandbox();
  });
  afterAll(() => sandbox.close());

  it("names none of the internal properties in its JavaScript", async () => {
    const files = (await readdir(dist, { recursive: true })).filter((file) => file.endsWith(".js"));
    const code = (await Promise.all(files.map((file) => readFile(new URL(file, dist), "utf8")))).join("\n");
    const named = INTERNAL_PROPERTIES.filter((name) => new RegExp(`\\.${name}\\b|\\b${name}:`).test(code));
    expect(named).toEqual([]);
    expect(files.length).toBeGreaterThan(20);
  });

  it("calls every operation, pages, streams and types its errors as the sources do", async () => {
    const { fetch, sent } = recordingFetch();
    const server = builtServer.initializeServer({ baseUrl: sandbox.baseUrl, environment: "sandbox", orgApiKey: sandbox.orgApiKey, fetch });
    const { token } = await server.exchangeToken({ externalUserID: sandbox.externalUserID });
    const expys = built.initialize({ baseUrl: sandbox.baseUrl, environment: "sandbox", token, fetch, logLevel: "off" });
    const conversation = sandbox.createConversation(sandbox.externalUserID);
    const { conversations } = await expys.listConversations();
    expect(conversations.map(({ id }) => id)).toContain(conversation.id);
    await expys.sendMessage(conversation.id, "from dist", { idempotencyKey: "dist-key-1" });
    await expys.sendMessage(conversation.id, "second");
    const bodies: string[] = [];
    for await (const message of expys.listMessages(conversation.id, { limit: 1 })) bodies.push(message.body ?? "");
    expect(bodies).toEqual(["second", "from dist"]);
    // Resuming after the conversation's own id replays it from its first message.
    for await (const message of expys.streamMessages(conversation.id, { lastEventID: conversation.id })) {
      expect(message.body).toBe("from dist");
      break;
    }
    const sentKey = sent.find((request) => request.method === "POST" && request.url.pathname.endsWith("/messages"));
    expect(sentKey?.headers.get("Idempotency-Key")).toBe("dist-key-1");
    expect(sent.every((request) => request.headers.get("X-Expys-Client")?.startsWith("@expys/sdk/"))).toBe(true);
    const error = await expys.listMessages("no-such-conversation").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(built.ExpysApiError);
    expect(error).toMatchObject({ status: 404, code: "not_found" });
    await expect(expys.listMessages("..")).rejects.toBeInstanceOf(built.ExpysArgumentError);
  });
});
