// The docs' Chromium session: pages opened as a reader's browser would, with
// every console error, uncaught exception and request that leaves the allowed
// origins recorded, and the layout measured.
import { launchChromium } from "@expys/testkit";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { expect } from "vitest";

/** The width the layout promises readable code and tables at. */
export const readingWidth = 1280;

export interface Session {
  browser: Browser;
  context: BrowserContext;
  /** Problems per page path: console errors, exceptions, requests to anywhere but the allowed origins. */
  problems: Map<string, string[]>;
  open(path: string): Promise<Page>;
  close(): Promise<void>;
}

/** One browser and one context (so localStorage carries over between pages, as in a reader's browser). */
export async function startSession(siteUrl: string, allowedOrigins: () => readonly string[]): Promise<Session> {
  const browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: readingWidth, height: 900 } });
  const problems = new Map<string, string[]>();
  async function open(path: string): Promise<Page> {
    const page = await context.newPage();
    const found: string[] = [];
    problems.set(path, found);
    page.on("console", (message) => {
      if (message.type() === "error") found.push(`console: ${message.text()}`);
    });
    page.on("pageerror", (error) => found.push(`exception: ${error.message}`));
    // Nothing may come from the internet: block it, and record that it was asked for.
    await page.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith(siteUrl) || url.startsWith("data:") || allowedOrigins().some((origin) => url.startsWith(origin))) return route.continue();
      found.push(`outside request: ${url}`);
      return route.abort();
    });
    const response = await page.goto(siteUrl + path, { waitUntil: "load" });
    expect(response?.status(), path).toBe(200);
    // Hydrated: Vue records the app on its container once it has taken over
    // the server-rendered page, after its mounted hooks ran.
    await page.waitForFunction(() => Boolean((document.querySelector("#app") as { __vue_app__?: unknown } | null)?.__vue_app__));
    return page;
  }
  return {
    browser,
    context,
    problems,
    open,
    close: async () => {
      await context.close();
      await browser.close();
    },
  };
}

/**
 * Every visible code block and table of the page's content that is wider
 * than its column (it scrolls sideways), or that sticks out of the content
 * column, described by its first characters.
 */
export function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const column = document.querySelector(".vp-doc");
    if (!column) return ["no .vp-doc content column"];
    const right = column.getBoundingClientRect().right;
    const describe = (element: Element) => `${element.tagName.toLowerCase()} "${(element.textContent ?? "").replace(/\s+/g, " ").trim().slice(0, 50)}"`;
    for (const element of column.querySelectorAll<HTMLElement>("table, div[class*='language-'] pre")) {
      if (element.getClientRects().length === 0) continue; // a hidden tab
      if (element.scrollWidth > element.clientWidth + 1)
        found.push(`${describe(element)} scrolls: ${element.scrollWidth} px of content in ${element.clientWidth} px`);
      const box = element.getBoundingClientRect();
      if (box.right > right + 1) found.push(`${describe(element)} ends at ${Math.round(box.right)} px, past the column's ${Math.round(right)} px`);
    }
    if (column.scrollWidth > column.clientWidth + 1) found.push(`the content column scrolls: ${column.scrollWidth} px in ${column.clientWidth} px`);
    return found;
  });
}

/** Each code group of the page: its tab labels, the checked one, and whether exactly that tab's block shows. */
export function codeGroups(page: Page): Promise<{ labels: string[]; checked: string; shows: string }[]> {
  return page.$$eval(".vp-doc .vp-code-group", (groups) =>
    groups.map((group) => {
      const inputs = [...group.querySelectorAll<HTMLInputElement>(":scope > .tabs > input")];
      const labels = inputs.map((input) => group.querySelector(`label[for="${input.id}"]`)?.textContent?.trim() ?? "");
      const blocks = [...(group.querySelector(":scope > .blocks")?.children ?? [])];
      const visible = blocks.map((block) => block.getClientRects().length > 0);
      const shown = visible.filter(Boolean).length === 1 ? labels[visible.indexOf(true)] : `${visible.filter(Boolean).length} blocks`;
      return { labels, checked: labels[inputs.findIndex((input) => input.checked)] ?? "", shows: shown ?? "" };
    }),
  );
}
