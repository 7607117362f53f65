/**
 * Events of tens of megabytes over real HTTP, with streamEvents and
 * fetchEventStream: the default maxEventSize (1 MiB) stays a safety bound,
 * and a caller who raises it receives a 14 MB event whole, whether it comes
 * in one write or in many, in one data line or several.
 */
import type { ServerResponse } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { SseEventTooLargeError } from "../src/index.ts";
import { entries } from "./support/entries.ts";
import { drain, openStream, startServer, take, type TestServer } from "./support/test-server.ts";

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const MB = 1_000_000;
/** 14 MB of JSON-ish text with some non-ASCII, so that characters also straddle network chunks. */
const payload = `{"text":"${"café au lait, 東京 ".repeat(Math.ceil((14 * MB) / 20)).slice(0, 14 * MB - 12)}"}`;

/** Writes `text` in writes of `size` characters, waiting for the socket to drain between them. */
async function writeInPieces(response: ServerResponse, text: string, size: number): Promise<void> {
  for (let offset = 0; offset < text.length; offset += size) {
    if (!response.write(text.slice(offset, offset + size))) await new Promise((resolve) => response.once("drain", resolve));
  }
}

async function serveEvent(write: (response: ServerResponse) => Promise<void> | void): Promise<TestServer> {
  const server = await startServer((_request, response) => {
    openStream(response);
    void (async () => {
      await write(response);
      response.write("data: small\n\n");
    })();
  });
  servers.push(server);
  return server;
}

const raised = { maxEventSize: 16 * 2 ** 20 };

describe.each(entries)("large events with $name", ({ stream }) => {
  it("receives a 14 MB event written at once, with maxEventSize raised", async () => {
    const server = await serveEvent((response) => {
      response.write(`id: big\ndata: ${payload}\n\n`);
    });
    const events = await take(stream(server.url(), raised), 2);
    expect(events[0]?.data.length).toBe(payload.length);
    expect(events[0]?.data === payload).toBe(true);
    expect(events[0]?.id).toBe("big");
    expect(events[1]?.data).toBe("small");
  });

  it("receives a 14 MB event written in 10 kB pieces", async () => {
    const server = await serveEvent((response) => writeInPieces(response, `data: ${payload}\n\n`, 10_000));
    const events = await take(stream(server.url(), raised), 2);
    expect(events[0]?.data === payload).toBe(true);
    expect(events[1]?.data).toBe("small");
  });

  it("receives a 14 MB event of 14 data lines", async () => {
    const lines = Array.from({ length: 14 }, (_, index) => payload.slice(index * MB, (index + 1) * MB));
    const server = await serveEvent((response) => writeInPieces(response, `${lines.map((line) => `data: ${line}\n`).join("")}\n`, 64_000));
    const events = await take(stream(server.url(), raised), 1);
    expect(events[0]?.data === lines.join("\n")).toBe(true);
  });

  it("ends with SseEventTooLargeError under the default bound, after the events before it", async () => {
    const server = await startServer((_request, response) => {
      openStream(response);
      response.write("data: before\n\n");
      void writeInPieces(response, `data: ${payload}\n\n`, 64_000);
    });
    servers.push(server);
    const { items, error } = await drain(stream(server.url()));
    expect(items.map((event) => event.data)).toEqual(["before"]);
    expect(error).toBeInstanceOf(SseEventTooLargeError);
    expect(error).toMatchObject({ maxEventSize: 2 ** 20 });
  });
});
