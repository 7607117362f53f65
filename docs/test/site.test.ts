// The built site in a real browser (Debian's Chromium through playwright-core,
// one session for the whole file), served from .vitepress/dist by a plain
// static server, at 1280 px: every page loads cleanly and offline, every
// internal link lands on a real page and anchor, nothing overflows its column,
// the code a reader sees is exactly the snippet file's region, the chosen
// language is remembered, the Try-it panel works against a real sandbox, and
// dark mode and search work. Screenshots go to docs/.screenshots/.
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join, sep } from "node:path";
import { type Sandbox, startSandbox } from "@expys/sandbox";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codeLanguageKey } from "../.vitepress/theme/code-language.ts";
import { codeGroups, overflowing, type Session, startSession } from "./browser.ts";
import { allPageSources, distDir, docsRoot, pageBlocks, regionText, serveSite, snippetFiles } from "./support.ts";

let site: { url: string; close: () => Promise<void> };
let session: Session;
let sandbox: Sandbox;
/** Loopback origins a test lets pages call besides the sandbox. */
const extraOrigins: string[] = [];
const screenshots = join(docsRoot, ".screenshots");

beforeAll(async () => {
  if (!existsSync(join(distDir, "index.html"))) throw new Error(`${distDir} has no site: build it first (npm run build in docs/)`);
  mkdirSync(screenshots, { recursive: true });
  site = await serveSite();
  sandbox = await startSandbox({ log: false, agent: false });
  session = await startSession(site.url, () => [sandbox.baseUrl, ...extraOrigins]);
});

afterAll(async () => {
  await session?.close();
  await sandbox?.close();
  await site?.close();
});

/** Every page the build wrote, as URL paths (`/guide/quickstart.html`), the 404 page aside. */
function builtPages(): string[] {
  return readdirSync(distDir, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".html") && file !== "404.html")
    .map((file) => `/${file.split(sep).join("/")}`)
    .sort();
}

const htmlPath = (page: string): string => `/${page.replace(/\.md$/, ".html")}`;

/** The tab labels of the SDK languages that have snippet files, in the order every code group lists them. */
const tabOrder = ["TypeScript", "Kotlin", "Swift"];
const snippetLanguages = [
  ...new Set(snippetFiles().flatMap((file) => ({ ts: ["TypeScript"], kt: ["Kotlin"], swift: ["Swift"] })[file.split(".").pop() ?? ""] ?? [])),
];

/** What a reader's first visit of each page showed, in its default tabs. */
interface Visit {
  overflow: string[];
  groups: Awaited<ReturnType<typeof codeGroups>>;
  code: string[];
  hrefs: string[];
}
const visits = new Map<string, Visit>();

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });
}

/** Follows every link from the home page and the quickstart, once, recording each page as a reader saw it. */
async function walk(): Promise<void> {
  const queue = ["/index.html", "/guide/quickstart.html"];
  const shots: Record<string, string> = { "/index.html": "home", "/guide/quickstart.html": "quickstart", "/guide/streaming.html": "streaming" };
  while (queue.length > 0) {
    const path = queue.shift()!;
    if (visits.has(path)) continue;
    const page = await session.open(path);
    expect(await page.locator(".NotFound").count(), `${path} shows the 404 page`).toBe(0);
    const visit: Visit = {
      overflow: await overflowing(page),
      groups: await codeGroups(page),
      // textContent includes blocks in hidden tabs; the `code` element holds only the code.
      code: await page.$$eval(".vp-doc div[class*='language-'] pre code", (codes) => codes.map((code) => code.textContent ?? "")),
      hrefs: await page.$$eval("a[href]", (anchors) => anchors.map((anchor) => (anchor as HTMLAnchorElement).href)),
    };
    visits.set(path, visit);
    if (shots[path]) await shoot(page, shots[path]);
    await page.close();
    for (const href of visit.hrefs) {
      const url = new URL(href);
      // A folder link (`/reference/`) is served by its index page.
      const target = url.pathname.endsWith("/") ? `${url.pathname}index.html` : url.pathname;
      if (url.origin === site.url && target.endsWith(".html") && !visits.has(target)) queue.push(target);
    }
  }
}

const trimmed = (text: string): string =>
  text
    .split("\n")
    .map((line) => line.trimEnd())
    .join("\n")
    .trimEnd();

describe("the built site in Chromium at 1280 px", () => {
  beforeAll(walk, 240_000);

  it("reaches every page through the navigation, each loading with no console error or outside request, and every internal link resolves", async () => {
    expect([...visits.keys()].sort(), "pages reached by following links vs pages built").toEqual(builtPages());
    expect([...session.problems].filter(([, found]) => found.length > 0)).toEqual([]);
    const links = new Map<string, string>(); // target -> the first page linking to it
    for (const [path, visit] of visits) for (const href of visit.hrefs) if (new URL(href).origin === site.url && !links.has(href)) links.set(href, path);
    const broken: string[] = [];
    for (const [href, from] of links) {
      const url = new URL(href);
      const response = await fetch(`${site.url}${url.pathname}`);
      const html = await response.text();
      if (response.status !== 200 || html.includes('class="NotFound"')) broken.push(`${from} -> ${href}: ${response.status}`);
      else if (url.hash && !html.includes(`id="${decodeURIComponent(url.hash.slice(1))}"`)) broken.push(`${from} -> ${href}: no such anchor`);
    }
    expect(broken).toEqual([]);
    expect(links.size).toBeGreaterThan(50);
  });

  it("has no code block or table wider than its column on any page", () => {
    expect([...visits].flatMap(([path, visit]) => visit.overflow.map((problem) => `${path}: ${problem}`))).toEqual([]);
  });

  it("the overflow check reports a code block and a table wider than the column", async () => {
    const page = await session.open("/guide/errors.html");
    expect(await overflowing(page)).toEqual([]);
    await page.evaluate(() => {
      const column = document.querySelector(".vp-doc")!;
      const block = document.createElement("div");
      block.className = "language-ts";
      block.innerHTML = `<pre><code>${"x".repeat(200)}</code></pre>`;
      const table = document.createElement("table");
      table.innerHTML = `<tr><td>${"y".repeat(300)}</td></tr>`;
      column.append(block, table);
    });
    const found = await overflowing(page);
    await page.close();
    expect(found).toEqual([expect.stringMatching(/^pre "x{50}" scrolls/), expect.stringMatching(/^table "y{50}" scrolls/)]);
  });

  it("shows every code block exactly as the snippet region (or the page's own text) says", () => {
    let snippetBlocks = 0;
    for (const { page: file, source } of allPageSources()) {
      const expected = pageBlocks(file, source).map((block) => {
        if (block.kind === "fence") return block.text;
        snippetBlocks += 1;
        return regionText(readFileSync(join(docsRoot, block.path.slice(2)), "utf8"), block.region ?? "") ?? `(region ${block.region} not found)`;
      });
      expect(visits.get(htmlPath(file))?.code.map(trimmed), file).toEqual(expected.map(trimmed));
    }
    expect(snippetBlocks).toBeGreaterThanOrEqual(40);
  });

  it("gives every code group a tab for each SDK language with snippets, in the order TypeScript, Kotlin, Swift, then curl", () => {
    expect(snippetLanguages).toContain("TypeScript");
    const problems: string[] = [];
    let groups = 0;
    for (const [path, visit] of visits) {
      for (const [index, { labels }] of visit.groups.entries()) {
        groups += 1;
        const where = `${path} group ${index + 1} (${labels.join(", ")})`;
        const sdk = labels.filter((label) => tabOrder.includes(label));
        const missing = snippetLanguages.filter((language) => !labels.includes(language));
        if (missing.length) problems.push(`${where} has no ${missing.join(", ")} tab`);
        if (labels[0] !== "TypeScript") problems.push(`${where} does not start with TypeScript`);
        if (sdk.join() !== [...sdk].sort((a, b) => tabOrder.indexOf(a) - tabOrder.indexOf(b)).join()) problems.push(`${where} is out of order`);
        if (labels.includes("curl") && labels.at(-1) !== "curl") problems.push(`${where}: curl is not last`);
      }
    }
    expect(problems).toEqual([]);
    expect(groups).toBeGreaterThan(30);
  });
});

describe("the chosen code language", () => {
  it("follows a click to every code group, and is remembered on the next page and after a reload, in localStorage", async () => {
    const page = await session.open("/guide/quickstart.html");
    const withCurl = page.locator(".vp-doc .vp-code-group").filter({ has: page.locator(".tabs label", { hasText: "curl" }) });
    expect(await withCurl.count()).toBeGreaterThanOrEqual(3);
    await withCurl.nth(1).scrollIntoViewIfNeeded();
    const before = await withCurl.nth(1).boundingBox();
    await withCurl.nth(1).locator(".tabs label", { hasText: "curl" }).click();
    await expect
      .poll(async () => (await codeGroups(page)).filter((group) => group.labels.includes("curl")).map((group) => group.shows))
      .toEqual(Array((await withCurl.count()) as number).fill("curl"));
    // Groups above switched too, yet the one clicked stayed where the reader saw it.
    expect(Math.abs(((await withCurl.nth(1).boundingBox())?.y ?? 0) - (before?.y ?? 0))).toBeLessThan(2);
    expect(await page.evaluate((key) => localStorage.getItem(key), codeLanguageKey)).toBe("curl");
    // A group with no curl tab keeps its first tab.
    expect((await codeGroups(page)).filter((group) => !group.labels.includes("curl")).map((group) => group.shows)).toEqual(
      (await codeGroups(page)).filter((group) => !group.labels.includes("curl")).map((group) => group.labels[0]),
    );
    await page.close();

    const next = await session.open("/guide/authentication.html");
    const groups = await codeGroups(next);
    expect(groups.map((group) => group.shows)).toEqual(groups.map((group) => (group.labels.includes("curl") ? "curl" : group.labels[0])));
    await next.reload({ waitUntil: "load" });
    await next.waitForFunction(() => Boolean((document.querySelector("#app") as { __vue_app__?: unknown } | null)?.__vue_app__));
    expect((await codeGroups(next)).filter((group) => group.labels.includes("curl")).map((group) => group.shows)).toEqual(["curl"]);
    await next.evaluate((key) => localStorage.removeItem(key), codeLanguageKey);
    await next.close();
    expect(session.problems.get("/guide/authentication.html")).toEqual([]);
  });

  // About 60 page loads in one Chromium: a CI machine running other packages' tests beside it needs more than the default minute.
  it("shows every page in each language a tab offers, with no code block or table overflowing at 1280 px", { timeout: 180_000 }, async () => {
    const labels = new Set([...visits.values()].flatMap((visit) => visit.groups.flatMap((group) => group.labels)));
    expect(labels).toContain("curl");
    const problems: string[] = [];
    // The first visit of every page showed the first tab, TypeScript; here, every other language,
    // chosen once, as a reader would, and then every page that offers it.
    const remember = async (language: string | undefined) => {
      const page = await session.open("/index.html");
      await page.evaluate(([key, value]) => (value ? localStorage.setItem(key!, value) : localStorage.removeItem(key!)), [codeLanguageKey, language]);
      await page.close();
    };
    for (const language of [...labels].filter((label) => label !== "TypeScript")) {
      await remember(language);
      for (const [path] of [...visits].filter(([, visit]) => visit.groups.some((group) => group.labels.includes(language)))) {
        const page = await session.open(path);
        for (const [index, group] of (await codeGroups(page)).entries()) {
          const wanted = group.labels.includes(language) ? language : group.labels[0];
          if (group.shows !== wanted) problems.push(`${path} [${language}] group ${index + 1} shows ${group.shows}, not ${wanted}`);
        }
        problems.push(...(await overflowing(page)).map((problem) => `${path} [${language}]: ${problem}`));
        await page.close();
      }
    }
    await remember(undefined);
    expect(problems).toEqual([]);
    expect([...session.problems].filter(([, found]) => found.length > 0)).toEqual([]);
  });
});

describe("the Try-it panel, against a sandbox the test started", () => {
  async function connect(page: Page, token = sandbox.memberToken): Promise<void> {
    await page.locator("[data-try-it] input[name=baseUrl]").fill(sandbox.baseUrl);
    await page.locator("[data-try-it] input[name=token]").fill(token);
  }
  const body = async (page: Page): Promise<unknown> => JSON.parse((await page.locator("[data-try-it-body]").textContent()) ?? "null");

  it("lists conversations and a page of messages through the real SDK, showing each request and answer", async () => {
    const page = await session.open("/reference/operations/listConversations.html");
    await connect(page);
    await page.locator("[data-try-it] .try-it-send").click();
    await page.locator("[data-try-it-body]").waitFor();
    expect(await body(page)).toEqual({ conversations: sandbox.inspect.conversations(sandbox.externalUserID) });
    const request = (await page.locator("[data-try-it-request]").textContent()) ?? "";
    expect(request).toContain(`GET ${sandbox.baseUrl}/v1/conversations`);
    expect(request).toMatch(/authorization: Bearer \S{8}…/);
    expect(request).not.toContain(sandbox.memberToken);
    expect(await page.locator("[data-try-it-response-head]").textContent()).toMatch(/^HTTP 200\n[\s\S]*x-request-id: \S+/);

    // The same tab moves on, as a reader does: the connection and the listed conversation come along.
    await page.goto(`${site.url}/reference/operations/listMessages.html`, { waitUntil: "load" });
    await page.waitForFunction(() => (document.querySelector("[data-try-it] input[name=id]") as HTMLInputElement | null)?.value !== "");
    const first = sandbox.inspect.conversations(sandbox.externalUserID)[0]!;
    expect(await page.locator("[data-try-it] input[name=id]").inputValue()).toBe(first.id);
    await page.locator("[data-try-it] input[name=limit]").fill("2");
    await page.locator("[data-try-it] .try-it-send").click();
    await page.locator("[data-try-it-body]").waitFor();
    expect(await body(page)).toEqual({ messages: sandbox.inspect.messages(first.id).slice(-2), nextCursor: expect.any(String) });
    expect(await page.locator("[data-try-it-request]").textContent()).toContain(`/v1/conversations/${first.id}/messages?limit=2`);
    await shoot(page, "operation-listMessages");
    await page.close();
  });

  it("sends a message, with the idempotency key the SDK made, and the sandbox stores it once", async () => {
    const page = await session.open("/reference/operations/sendMessage.html");
    await connect(page);
    const before = sandbox.inspect.messages(sandbox.conversationId).length;
    await page.locator("[data-try-it] input[name=id]").fill(sandbox.conversationId);
    await page.locator("[data-try-it] textarea[name=message]").fill("Sent from the Try-it panel");
    await page.locator("[data-try-it] .try-it-send").click();
    await page.locator("[data-try-it-body]").waitFor();
    expect(await body(page)).toEqual({ ok: true });
    expect(await page.locator("[data-try-it-request]").textContent()).toMatch(
      /idempotency-key: [0-9a-f-]{36}\n[\s\S]*\{"message":"Sent from the Try-it panel"\}/,
    );
    expect(
      sandbox.inspect
        .messages(sandbox.conversationId)
        .slice(before)
        .map((message) => message.body),
    ).toEqual(["Sent from the Try-it panel"]);
    await page.close();
  });

  it("follows a stream live, and Stop closes the connection the sandbox held open", async () => {
    const page = await session.open("/reference/operations/streamMessages.html");
    await connect(page);
    await page.locator("[data-try-it] input[name=id]").fill(sandbox.conversationId);
    await page.locator("[data-try-it] .try-it-send").click();
    await expect.poll(() => sandbox.inspect.openStreams(sandbox.conversationId), { timeout: 20_000 }).toBe(1);
    const posted = [sandbox.postAsAgent(sandbox.conversationId, "live one"), sandbox.postAsAgent(sandbox.conversationId, "live two")];
    const shown = page.locator("[data-try-it-messages] li");
    await expect.poll(() => shown.allTextContents(), { timeout: 20_000 }).toEqual(posted.map((message) => JSON.stringify(message)));
    expect(await page.locator("[data-try-it-state]").textContent()).toBe("streaming");

    await page.locator("[data-try-it] .try-it-stop").click();
    await expect.poll(() => sandbox.inspect.openStreams(sandbox.conversationId), { timeout: 20_000 }).toBe(0);
    await expect.poll(() => page.locator("[data-try-it-state]").textContent()).toBe("stopped");
    sandbox.postAsAgent(sandbox.conversationId, "after the stop");
    expect(await shown.count()).toBe(2);
    await page.close();
  });

  it("shows the SDK's typed error for a token the API refuses, without the token", async () => {
    const page = await session.open("/reference/operations/listConversations.html");
    await connect(page, "sbx_not_a_real_token");
    await page.locator("[data-try-it] .try-it-send").click();
    const error = (await page.locator("[data-try-it-error]").textContent({ timeout: 20_000 })) ?? "";
    expect(error).toMatch(/^ExpysApiError: 401 unauthorized/);
    expect(error).not.toContain("sbx_not_a_real_token");
    await page.close();
  });

  it("says there was no answer, attempt by attempt, when nothing listens at the base URL", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const nowhere = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise((resolve) => closed.close(resolve));
    extraOrigins.push(nowhere);
    const page = await session.open("/reference/operations/listConversations.html");
    await page.locator("[data-try-it] input[name=baseUrl]").fill(nowhere);
    await page.locator("[data-try-it] input[name=token]").fill(sandbox.memberToken);
    await page.locator("[data-try-it] .try-it-send").click();
    const error = (await page.locator("[data-try-it-error]").textContent({ timeout: 30_000 })) ?? "";
    expect(error).toMatch(/^ExpysConnectionError: /);
    // The SDK retried: every attempt is shown, none with an answer.
    const heads = await page.locator("[data-try-it-response-head]").allTextContents();
    expect(heads.length).toBeGreaterThan(1);
    for (const head of heads) expect(head).toMatch(/^no answer: /);
    await page.close();
  });

  it("offers no form for the token exchange, whose secret key never belongs in a browser", async () => {
    const page = await session.open("/reference/operations/exchangeToken.html");
    expect(await page.locator("[data-try-it-unavailable]").isVisible()).toBe(true);
    expect(await page.locator("[data-try-it] form").count()).toBe(0);
    await page.close();
  });
});

describe("the site's chrome", () => {
  it("toggles dark mode", async () => {
    const page = await session.open("/guide/streaming.html");
    const isDark = () => page.evaluate(() => document.documentElement.classList.contains("dark"));
    const before = await isDark();
    await page.locator(".VPNavBarAppearance button").click();
    await expect.poll(isDark).toBe(!before);
    await page.locator(".VPNavBarAppearance button").click();
    await expect.poll(isDark).toBe(before);
    await page.close();
  });

  it("opens the local search and finds a page by a word in it", async () => {
    const page = await session.open("/guide/quickstart.html");
    await page.locator(".VPNavBarSearch button").click();
    const box = page.locator(".VPLocalSearchBox");
    await box.waitFor({ state: "visible" });
    await box.locator("input").fill("idempotency_conflict");
    const results = box.locator(".result");
    await expect.poll(() => results.count()).toBeGreaterThan(0);
    const targets = await results.evaluateAll((anchors) => anchors.map((anchor) => (anchor as HTMLAnchorElement).pathname));
    expect(targets).toContain("/guide/errors.html");
    await page.close();
    expect(session.problems.get("/guide/quickstart.html")).toEqual([]);
  });

  it("shows its favicon from the site itself", async () => {
    const page = await session.open("/index.html");
    const icon = await page.$eval("link[rel=icon]", (link) => (link as HTMLLinkElement).href);
    expect(icon).toBe(`${site.url}/favicon.svg`);
    expect((await fetch(icon)).headers.get("content-type")).toBe("image/svg+xml");
    await page.close();
  });
});
