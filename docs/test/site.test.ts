// The built site in a real browser (Debian's Chromium through playwright-core),
// served from .vitepress/dist by a plain static server: every page loads
// cleanly and offline, every internal link lands on a real page and anchor, the
// code a reader sees is exactly the snippet file's region, and the tabs, dark
// mode and search work.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, sep } from "node:path";
import { launchChromium } from "@expys/testkit";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { distDir, docsRoot, pageBlocks, pageFiles, regionText, serveSite } from "./support.ts";

let browser: Browser;
let site: { url: string; close: () => Promise<void> };

/** Console errors, uncaught exceptions and any request that leaves the site's origin, per page. */
const problems = new Map<string, string[]>();

async function open(path: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const found: string[] = [];
  problems.set(path, found);
  page.on("console", (message) => {
    if (message.type() === "error") found.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => found.push(`exception: ${error.message}`));
  // Nothing may come from the internet: block it, and record that it was asked for.
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(site.url) || url.startsWith("data:")) return route.continue();
    found.push(`outside request: ${url}`);
    return route.abort();
  });
  const response = await page.goto(site.url + path, { waitUntil: "networkidle" });
  expect(response?.status(), path).toBe(200);
  // Hydrated: Vue records the app on its container once it has taken over the
  // server-rendered page (hydration sets no attribute, unlike a client mount).
  await page.waitForFunction(() => Boolean((document.querySelector("#app") as { __vue_app__?: unknown } | null)?.__vue_app__));
  return page;
}

beforeAll(async () => {
  if (!existsSync(join(distDir, "index.html"))) throw new Error(`${distDir} has no site: build it first (npm run build in docs/)`);
  site = await serveSite();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

/** Every page the build wrote, as URL paths (`/guide/quickstart.html`), the 404 page aside. */
function builtPages(): string[] {
  return readdirSync(distDir, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".html") && file !== "404.html")
    .map((file) => `/${file.split(sep).join("/")}`)
    .sort();
}

describe("the built site in Chromium", () => {
  it("reaches every page through the sidebar and links, each loading with no console error or outside request, and every internal link resolves", async () => {
    const visited = new Set<string>();
    const links = new Map<string, string>(); // target -> the first page linking to it
    const queue = ["/index.html", "/guide/quickstart.html"];
    while (queue.length > 0) {
      const path = queue.shift()!;
      if (visited.has(path)) continue;
      visited.add(path);
      const page = await open(path);
      expect(await page.locator(".NotFound").count(), `${path} shows the 404 page`).toBe(0);
      const hrefs = await page.$$eval("a[href]", (anchors) => anchors.map((anchor) => (anchor as HTMLAnchorElement).href));
      await page.close();
      for (const href of hrefs) {
        const url = new URL(href);
        if (url.origin !== site.url) continue;
        // A folder link (`/reference/`) is served by its index page.
        const target = url.pathname.endsWith("/") ? `${url.pathname}index.html` : url.pathname;
        if (!links.has(href)) links.set(href, path);
        if (target.endsWith(".html") && !visited.has(target)) queue.push(target);
      }
    }
    expect([...visited].sort(), "pages reached by following links vs pages built").toEqual(builtPages());
    expect([...problems].filter(([, found]) => found.length > 0)).toEqual([]);

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

  it("shows every code block exactly as the snippet region (or the page's own text) says", async () => {
    const guides = pageFiles().filter((page) => page.startsWith("guide/"));
    expect(guides).toHaveLength(7);
    let snippetBlocks = 0;
    for (const guide of guides) {
      const expected = pageBlocks(guide).map((block) => {
        if (block.kind === "fence") return { where: `${guide}:${block.line}`, text: block.text };
        snippetBlocks += 1;
        const text = regionText(readFileSync(join(docsRoot, block.path.slice(2)), "utf8"), block.region ?? "");
        return { where: `${guide}:${block.line} ${block.reference}`, text: text ?? `(region ${block.region} not found)` };
      });
      const page = await open(`/${guide.replace(/\.md$/, ".html")}`);
      // textContent includes blocks in hidden tabs; the `code` element holds only the code.
      const shown = await page.$$eval(".vp-doc div[class*='language-'] pre code", (codes) => codes.map((code) => code.textContent ?? ""));
      await page.close();
      const trimmed = (text: string): string =>
        text
          .split("\n")
          .map((line) => line.trimEnd())
          .join("\n")
          .trimEnd();
      expect(shown.map(trimmed), guide).toEqual(expected.map((block) => trimmed(block.text)));
      expect(problems.get(`/${guide.replace(/\.md$/, ".html")}`)).toEqual([]);
    }
    expect(snippetBlocks).toBeGreaterThanOrEqual(20);
  });

  it("switches language tabs in a code group", async () => {
    const page = await open("/guide/quickstart.html");
    const group = page
      .locator(".vp-code-group")
      .filter({ has: page.locator("label", { hasText: "curl" }) })
      .first();
    // TypeScript first, curl last; the other SDKs' tabs sit between them.
    await expect.poll(async () => (await group.locator(".tabs label").allTextContents()).at(-1)).toBe("curl");
    const tabs = await group.locator(".tabs label").allTextContents();
    expect(tabs[0]).toBe("TypeScript");
    const [typescript, curl] = [group.locator(".blocks > div").nth(0), group.locator(".blocks > div").nth(tabs.length - 1)];
    expect([await typescript.isVisible(), await curl.isVisible()]).toEqual([true, false]);

    await group.locator(".tabs label", { hasText: "curl" }).click();
    await expect.poll(() => curl.isVisible()).toBe(true);
    expect(await typescript.isVisible()).toBe(false);
    expect(await curl.locator("code").textContent()).toContain("curl ");

    await group.locator(".tabs label", { hasText: "TypeScript" }).click();
    await expect.poll(() => typescript.isVisible()).toBe(true);
    expect(await curl.isVisible()).toBe(false);
    await page.close();
  });

  it("labels every code group's first tab TypeScript", async () => {
    for (const guide of pageFiles().filter((page) => page.startsWith("guide/"))) {
      const page = await open(`/${guide.replace(/\.md$/, ".html")}`);
      const firstTabs = await page.$$eval(".vp-code-group .tabs label:first-of-type", (labels) => labels.map((label) => label.textContent));
      await page.close();
      expect(firstTabs.length, guide).toBeGreaterThan(0);
      expect(new Set(firstTabs), guide).toEqual(new Set(["TypeScript"]));
    }
  });

  it("toggles dark mode", async () => {
    const page = await open("/guide/streaming.html");
    const isDark = () => page.evaluate(() => document.documentElement.classList.contains("dark"));
    const before = await isDark();
    await page.locator(".VPNavBarAppearance button").click();
    await expect.poll(isDark).toBe(!before);
    await page.locator(".VPNavBarAppearance button").click();
    await expect.poll(isDark).toBe(before);
    await page.close();
  });

  it("opens the local search and finds a page by a word in it", async () => {
    const page = await open("/guide/quickstart.html");
    await page.locator(".VPNavBarSearch button").click();
    const box = page.locator(".VPLocalSearchBox");
    await box.waitFor({ state: "visible" });
    await box.locator("input").fill("idempotency_conflict");
    const results = box.locator(".result");
    await expect.poll(() => results.count()).toBeGreaterThan(0);
    const targets = await results.evaluateAll((anchors) => anchors.map((anchor) => (anchor as HTMLAnchorElement).pathname));
    expect(targets).toContain("/guide/errors.html");
    await page.close();
    expect(problems.get("/guide/quickstart.html")).toEqual([]);
  });
});
