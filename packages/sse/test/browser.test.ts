/**
 * The package bundled for browsers (esbuild, from the built dist) and run in
 * headless Chromium against a local server, with streamEvents and with
 * fetchEventStream: reconnect with Last-Event-ID, a non-ASCII id, a redirect
 * (through the browser's opaque-redirect path for streamEvents), break
 * closing the connection, abort, 204 and a typed error. Each entry has its own
 * paths (`/streamEvents/resume`, `/fetchEventStream/resume`...). Last, what a
 * cross-origin redirect sends with fetchEventStream, which Chromium follows.
 */
import { fileURLToPath } from "node:url";
import { launchChromium } from "@expys/testkit";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answer, openStream, startServer, type TestServer } from "./support/test-server.ts";

const entry = fileURLToPath(new URL("../dist/index.js", import.meta.url));
const page = `<!doctype html><meta charset="utf-8"><title>@expys/sse</title>`;

let browser: Awaited<ReturnType<typeof launchChromium>>;
let server: TestServer;
const closedStreams: string[] = [];

beforeAll(async () => {
  const bundle = await build({ entryPoints: [entry], bundle: true, format: "esm", platform: "browser", write: false });
  const script = bundle.outputFiles[0]?.text ?? "";
  server = await startServer((request, response) => {
    const fullPath = new URL(request.url ?? "/", "http://x").pathname;
    const earlier = server.requests.filter((entry) => new URL(entry.path, "http://x").pathname === fullPath).length - 1;
    response.on("close", () => closedStreams.push(fullPath));
    // The route, without the entry's prefix.
    const [, prefix = "", path = fullPath] = /^(\/(?:streamEvents|fetchEventStream))?(\/.*)$/.exec(fullPath) ?? [];
    if (path === "/") answer(response, 200, { "content-type": "text/html" }, page);
    else if (path === "/sse.js") answer(response, 200, { "content-type": "text/javascript" }, script);
    else if (path === "/resume") {
      openStream(response);
      const from = Number(request.headers["last-event-id"] ?? 0);
      // A clean end: Chromium may drop data that arrived just before a broken
      // connection, which would make the resume point racy.
      response.end(`id: ${from + 1}\ndata: ${from + 1}\n\nid: ${from + 2}\ndata: ${from + 2}\n\n`);
    } else if (path === "/unicode") {
      openStream(response);
      response.end(earlier === 0 ? "id: 日本\ndata: a\n\n" : "data: b\n\n");
    } else if (path === "/redirect") answer(response, 302, { location: `${prefix}/target` });
    else if (path === "/leave") answer(response, 307, { location: new URL(request.url ?? "/", "http://x").searchParams.get("to") ?? "/" });
    else if (path === "/target") {
      openStream(response);
      response.write("data: redirected\n\n");
    } else if (path === "/endless") {
      openStream(response);
      let count = 0;
      const timer = setInterval(() => response.write(`data: ${++count}\n\n`), 10);
      response.on("close", () => clearInterval(timer));
    } else if (path === "/gone") answer(response, 204);
    else answer(response, 404, { "content-type": "application/json" }, '{"code":"not_found"}');
  });
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Runs `body` in a fresh page of the server's origin, with the bundle imported as `sse`. */
async function inPage<T>(body: string): Promise<T> {
  const tab = await browser.newPage();
  try {
    await tab.goto(server.url("/"));
    return (await tab.evaluate(`(async () => { const sse = await import("/sse.js"); ${body} })()`)) as T;
  } finally {
    await tab.close();
  }
}

const fast = "{ backoff: { baseMs: 5, capMs: 20, random: () => 0 } }";

describe.each(["streamEvents", "fetchEventStream"] as const)("in headless Chromium, %s", (name) => {
  it("reconnects after the end of a stream with Last-Event-ID, as one sequence", async () => {
    const seen = await inPage<string[][]>(`
      const seen = [];
      for await (const event of sse.${name}("/${name}/resume", ${fast})) {
        seen.push([event.id, event.data]);
        if (seen.length === 4) break;
      }
      return seen;
    `);
    expect(seen).toEqual([
      ["1", "1"],
      ["2", "2"],
      ["3", "3"],
      ["4", "4"],
    ]);
    const drops = server.requests.filter((request) => request.path === `/${name}/resume`);
    expect(drops.map((request) => request.lastEventId)).toEqual([undefined, "2"]);
    expect(drops[0]?.headers.accept).toBe("text/event-stream");
  });

  it("sends a non-ASCII id back as UTF-8", async () => {
    const ids = await inPage<(string | null)[]>(`
      const ids = [];
      for await (const event of sse.${name}("/${name}/unicode", ${fast})) {
        ids.push(event.id ?? null);
        if (ids.length === 2) break;
      }
      return ids;
    `);
    expect(ids).toEqual(["日本", "日本"]);
    expect(server.requests.filter((request) => request.path === `/${name}/unicode`)[1]?.lastEventId).toBe("日本");
  });

  it("follows a redirect (for streamEvents, one the browser reports as opaque)", async () => {
    const data = await inPage<string>(`
      for await (const event of sse.${name}("/${name}/redirect")) return event.data;
    `);
    expect(data).toBe("redirected");
  });

  it("break closes an endless stream", async () => {
    const before = closedStreams.filter((path) => path === `/${name}/endless`).length;
    const last = await inPage<string>(`
      for await (const event of sse.${name}("/${name}/endless")) if (event.data === "3") return event.data;
    `);
    expect(last).toBe("3");
    await expect.poll(() => closedStreams.filter((path) => path === `/${name}/endless`).length).toBe(before + 1);
  });

  it("rejects with the abort reason, ends on 204, and fails with SseResponseError on 404", async () => {
    const outcome = await inPage<Record<string, unknown>>(`
      const controller = new AbortController();
      let abortName;
      try {
        for await (const _ of sse.${name}("/${name}/endless", { signal: controller.signal })) controller.abort();
      } catch (error) {
        abortName = error.name;
      }
      const gone = [];
      for await (const event of sse.${name}("/${name}/gone")) gone.push(event);
      let failure;
      try {
        for await (const _ of sse.${name}("/${name}/missing")) {}
      } catch (error) {
        failure = { name: error.name, status: error.status, isSseError: error instanceof sse.SseError, body: JSON.parse(error.body) };
      }
      return { abortName, gone, failure };
    `);
    expect(outcome).toEqual({
      abortName: "AbortError",
      gone: [],
      failure: { name: "SseResponseError", status: 404, isSseError: true, body: { code: "not_found" } },
    });
  });
});

describe("a cross-origin redirect in headless Chromium, with fetchEventStream", () => {
  it("lets the browser follow it: the other origin, which consents by CORS, never receives Authorization", async () => {
    const pageOrigin = server.origin;
    const cors = { "access-control-allow-origin": pageOrigin };
    const other = await startServer((request, response) => {
      if (request.method === "OPTIONS") {
        answer(response, 204, { ...cors, "access-control-allow-headers": "authorization, cache-control, last-event-id, x-tenant" });
        return;
      }
      openStream(response, cors);
      response.end(`data: ${request.headers.authorization ?? "none"} ${request.headers["x-tenant"] ?? "none"}\n\n`);
    });
    try {
      // localhost and 127.0.0.1 are different origins on the same machine.
      const elsewhere = `http://localhost:${new URL(other.origin).port}/there`;
      const data = await inPage<string>(`
        const target = ${JSON.stringify(elsewhere)};
        for await (const event of sse.fetchEventStream("/fetchEventStream/leave?to=" + encodeURIComponent(target), {
          headers: { Authorization: "Bearer sekrit", "X-Tenant": "t1" },
        })) return event.data;
      `);
      // The other headers went on, with the other origin's CORS consent.
      expect(data).toBe("none t1");
      expect(other.requests.map((request) => request.method)).toEqual(["OPTIONS", "GET"]);
      expect(other.requests.every((request) => request.headers.authorization === undefined)).toBe(true);
      expect(other.requests[0]?.headers["access-control-request-headers"]).not.toMatch(/authorization/i);
    } finally {
      await other.close();
    }
  });
});
