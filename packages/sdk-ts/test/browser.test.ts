// End to end in Debian's Chromium: a page on one origin uses the built SDK
// against the sandbox on another (CORS): list, read, send, stream.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import type { Sandbox } from "@expys/sandbox";
import { launchChromium } from "@expys/testkit";
import { build } from "esbuild";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { quietSandbox } from "./support.ts";

let sandbox: Sandbox;
let browser: Browser;
let site: Server;
let siteUrl: string;

beforeAll(async () => {
  sandbox = await quietSandbox();
  const bundle = await build({
    entryPoints: [fileURLToPath(new URL("./browser/app.ts", import.meta.url))],
    bundle: true,
    format: "esm",
    platform: "browser",
    write: false,
  });
  const script = bundle.outputFiles[0]!.text;
  site = createServer((request, response) => {
    if (request.url === "/app.js") response.writeHead(200, { "Content-Type": "text/javascript" }).end(script);
    else response.writeHead(200, { "Content-Type": "text/html" }).end('<!doctype html><script type="module" src="/app.js"></script>');
  });
  await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve));
  siteUrl = `http://localhost:${(site.address() as AddressInfo).port}/`;
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => site?.close(resolve));
  await sandbox?.close();
});

it("lists, sends and streams from a page on another origin", { timeout: 60_000 }, async () => {
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(message.text());
  });
  page.on("pageerror", (error) => problems.push(error.message));

  await page.goto(siteUrl);
  await page.waitForFunction(() => typeof window.runScenario === "function");
  const conversation = sandbox.createConversation(sandbox.externalUserID, { messages: 5 });
  const posting = setInterval(() => {
    if (sandbox.inspect.openStreams(conversation.id) > 0) sandbox.postAsAgent(conversation.id, "to the browser");
  }, 20);
  const result = await page.evaluate((input) => window.runScenario(input), {
    api: sandbox.baseUrl,
    token: sandbox.memberToken,
    conversationId: conversation.id,
  });
  clearInterval(posting);
  expect(result).toEqual({
    conversations: sandbox.inspect.conversations(sandbox.externalUserID).length,
    pageSize: 3,
    sent: { ok: true },
    live: ["to the browser", "to the browser", "to the browser"],
    missing: "404 not_found true",
  });
  expect(sandbox.inspect.messages(conversation.id).filter((message) => message.body === "from the browser")).toHaveLength(1);
  await expect.poll(() => sandbox.inspect.openStreams(conversation.id)).toBe(0);
  // The 404 is logged by Chromium itself as a failed resource load; nothing else may be.
  expect(problems.filter((problem) => !problem.includes("404"))).toEqual([]);
});
