/**
 * `onComment` over real HTTP, with streamEvents and fetchEventStream: each
 * comment reaches the caller in stream order relative to the events the loop
 * sees, however the bytes are cut into network chunks, and a hook that throws
 * changes nothing.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { entries } from "./support/entries.ts";
import { openStream, startServer, type Handler, type TestServer } from "./support/test-server.ts";

const servers: TestServer[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(servers.splice(0).map((server) => server.close()));
});
async function serve(handler: Handler): Promise<TestServer> {
  const server = await startServer(handler);
  servers.push(server);
  return server;
}

const STREAM = ": first\n\nid: 1\ndata: a\n\n: after a\n:\n\ndata: b\n\n: after b\ndata: c\n\n: last\n\n";
/** What a caller recording both kinds of input must see, in this order. */
const ORDER = ["comment first", "event a", "comment after a", "comment ", "event b", "comment after b", "event c", "comment last"];

/** Writes `text` in pieces of `size` bytes, each flushed on its own (a write per network chunk), then waits. */
function writeInPieces(text: string, size: number): Handler {
  return (_request, response) => {
    openStream(response);
    const bytes = Buffer.from(text);
    let offset = 0;
    const next = (): void => {
      if (offset >= bytes.length) return;
      response.write(bytes.subarray(offset, offset + size));
      offset += size;
      setTimeout(next, 2);
    };
    next();
  };
}

describe.each(entries)("onComment with $name", ({ stream }) => {
  it.each([
    ["in one chunk", STREAM.length],
    ["one byte per chunk", 1],
    ["in chunks of 7 bytes", 7],
  ])("reaches the caller in stream order with the events, %s", async (_case, size) => {
    const server = await serve(writeInPieces(STREAM, size));
    const seen: string[] = [];
    for await (const event of stream(server.url(), { onComment: (text) => seen.push(`comment ${text}`) })) {
      seen.push(`event ${event.data}`);
      if (event.data === "c") break;
    }
    // The loop stopped at c, so the comment after it was never due.
    expect(seen).toEqual(ORDER.slice(0, 7));
  });

  it("delivers a comment that follows the last event of a chunk only after that event was yielded", async () => {
    const server = await serve((_request, response) => {
      openStream(response);
      // One write: the event and the comment after it arrive in the same chunk.
      response.write("data: x\n\n: behind x\n\n");
      setTimeout(() => response.write("data: y\n\n"), 50);
    });
    const seen: string[] = [];
    for await (const event of stream(server.url(), { onComment: (text) => seen.push(`comment ${text}`) })) {
      seen.push(`event ${event.data}`);
      if (event.data === "y") break;
    }
    expect(seen).toEqual(["event x", "comment behind x", "event y"]);
  });

  it("offers heartbeats between events while the loop waits", async () => {
    const server = await serve((_request, response) => {
      openStream(response);
      response.write("data: 1\n\n");
      let beats = 0;
      const timer = setInterval(() => response.write(++beats === 3 ? "data: 2\n\n" : `: beat ${beats}\n\n`), 20);
      response.on("close", () => clearInterval(timer));
    });
    const seen: string[] = [];
    for await (const event of stream(server.url(), { onComment: (text) => seen.push(text) })) {
      seen.push(event.data);
      if (event.data === "2") break;
    }
    expect(seen).toEqual(["1", "beat 1", "beat 2", "2"]);
  });

  it("is an observer: a hook that throws is reported, and the stream goes on", async () => {
    const reported = vi.spyOn(console, "error").mockImplementation(() => {});
    const server = await serve((_request, response) => {
      openStream(response);
      response.write(": boom\n\ndata: after\n\n");
    });
    const boom = new Error("hook bug");
    const seen: string[] = [];
    for await (const event of stream(server.url(), {
      onComment: () => {
        throw boom;
      },
    })) {
      seen.push(event.data);
      break;
    }
    expect(seen).toEqual(["after"]);
    await vi.waitFor(() => expect(reported).toHaveBeenCalledWith(boom));
  });
});
