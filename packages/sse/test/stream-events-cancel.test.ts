/**
 * Cancellation leaves nothing behind, with streamEvents and with
 * fetchEventStream. Each test takes a baseline of the process's active
 * resources (sockets, timers, handles) before the stream, and checks that
 * after the loop nothing is above it: not trusted, inspected.
 */
import { getEventListeners } from "node:events";
import { activeResources, settledResourcesAbove } from "@expys/testkit";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { SseResponseError, streamEvents, type StreamEventsOptions } from "../src/index.ts";
import { entries } from "./support/entries.ts";
import { answer, drain, openStream, startServer, type Handler, type TestServer } from "./support/test-server.ts";

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});
async function serve(handler: Handler): Promise<TestServer> {
  const server = await startServer(handler);
  servers.push(server);
  return server;
}

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown): void => {
  unhandled.push(reason);
};
beforeAll(() => {
  process.on("unhandledRejection", onUnhandled);
});
afterAll(() => {
  process.off("unhandledRejection", onUnhandled);
});
afterEach(async () => {
  // A rejection nobody handles is reported after a turn of the event loop.
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(unhandled).toEqual([]);
});

/** A stream that sends an event every 10 ms until the client goes away, and records that it did. */
async function endlessServer(): Promise<TestServer & { closed: Promise<void> }> {
  let markClosed!: () => void;
  const closed = new Promise<void>((resolve) => {
    markClosed = resolve;
  });
  const server = await serve((_request, response) => {
    openStream(response);
    let count = 0;
    const timer = setInterval(() => response.write(`id: ${++count}\ndata: ${count}\n\n`), 10);
    response.on("close", () => {
      clearInterval(timer);
      markClosed();
    });
  });
  return Object.assign(server, { closed });
}

/**
 * Options for a reconnect that waits a minute, and a promise settled when it
 * is scheduled: seen through onReconnect where the entry has hooks, and
 * otherwise through the backoff's random source, drawn just before the wait.
 */
function slowReconnect(hooks: boolean): { options: StreamEventsOptions; scheduled: Promise<void> } {
  let markScheduled!: () => void;
  const scheduled = new Promise<void>((resolve) => {
    markScheduled = resolve;
  });
  const backoff = { baseMs: 60_000, capMs: 60_000, random: () => 0.5 };
  const options: StreamEventsOptions = hooks
    ? { backoff, onReconnect: () => markScheduled() }
    : {
        backoff: {
          ...backoff,
          random: () => {
            markScheduled();
            return 0.5;
          },
        },
      };
  return { options, scheduled };
}

describe("streamEvents' hooks on cancellation", () => {
  it("reports no lost connection when the caller aborts during a read", async () => {
    const server = await endlessServer();
    const controller = new AbortController();
    const errors: [unknown, { willReconnect: boolean }][] = [];
    const loop = (async () => {
      for await (const event of streamEvents(server.url(), {
        signal: controller.signal,
        onError: (error, info) => errors.push([error, info]),
      })) {
        // The abort lands while the next body read is pending.
        if (event.data === "2") setTimeout(() => controller.abort(), 3);
      }
    })();
    await expect(loop).rejects.toMatchObject({ name: "AbortError" });
    await server.closed;
    expect(errors).toEqual([]);
  });
});

describe.each(entries)("cancellation with $name", ({ stream, hooks }) => {
  it("break closes the HTTP connection and leaves no socket, timer or listener", async () => {
    const server = await endlessServer();
    const controller = new AbortController();
    const baseline = activeResources();
    const seen: string[] = [];
    for await (const event of stream(server.url(), { signal: controller.signal, idleTimeout: 5000 })) {
      seen.push(event.data);
      if (seen.length === 3) break;
    }
    expect(seen).toEqual(["1", "2", "3"]);
    await server.closed;
    expect(await settledResourcesAbove(baseline)).toEqual({});
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });

  it("return() on the iterator does the same, and later next() calls are done", async () => {
    const server = await endlessServer();
    const baseline = activeResources();
    const iterator = stream(server.url())[Symbol.asyncIterator]();
    expect((await iterator.next()).value?.data).toBe("1");
    expect(await iterator.return?.()).toEqual({ done: true, value: undefined });
    expect(await iterator.next()).toEqual({ done: true, value: undefined });
    await server.closed;
    expect(await settledResourcesAbove(baseline)).toEqual({});
  });

  it("aborting the signal mid-read closes the connection at once and rejects with the signal's reason", async () => {
    const server = await endlessServer();
    const controller = new AbortController();
    const baseline = activeResources();
    const seen: string[] = [];
    const loop = (async () => {
      for await (const event of stream(server.url(), { signal: controller.signal, idleTimeout: 5000 })) {
        seen.push(event.data);
        if (seen.length === 2) setTimeout(() => controller.abort(), 5);
      }
    })();
    await expect(loop).rejects.toMatchObject({ name: "AbortError" });
    await server.closed;
    expect(await settledResourcesAbove(baseline)).toEqual({});
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });

  it("rejects with a custom abort reason as given", async () => {
    const server = await endlessServer();
    const controller = new AbortController();
    const reason = new Error("user left");
    const pending = drain(stream(server.url(), { signal: controller.signal }));
    await server.waitForRequests(1);
    controller.abort(reason);
    expect((await pending).error).toBe(reason);
  });

  it("aborting during a pending reconnect cancels the timer at once", async () => {
    const server = await serve((_request, response) => answer(response, 503));
    const controller = new AbortController();
    const baseline = activeResources();
    const { options, scheduled } = slowReconnect(hooks);
    const pending = drain(stream(server.url(), { ...options, signal: controller.signal }));
    await scheduled;
    const started = performance.now();
    controller.abort();
    const { error } = await pending;
    expect(error).toMatchObject({ name: "AbortError" });
    expect(performance.now() - started).toBeLessThan(5000);
    expect(server.requests).toHaveLength(1);
    expect(await settledResourcesAbove(baseline)).toEqual({});
  });

  it("return() while next() waits for a reconnect cancels the timer, and the pending next() is done", async () => {
    const server = await serve((_request, response) => {
      openStream(response, { connection: "close" });
      response.end("data: a\ndata: b\n\n");
    });
    const baseline = activeResources();
    const { options, scheduled } = slowReconnect(hooks);
    const iterator = stream(server.url(), options)[Symbol.asyncIterator]();
    expect((await iterator.next()).value?.data).toBe("a\nb");
    const waiting = iterator.next();
    await scheduled;
    await iterator.return?.();
    expect(await waiting).toEqual({ done: true, value: undefined });
    expect(await settledResourcesAbove(baseline)).toEqual({});
    expect(server.requests).toHaveLength(1);
  });

  it("aborting while the request waits for response headers leaves nothing behind", async () => {
    const server = await serve(() => {
      // Never answers.
    });
    const controller = new AbortController();
    const baseline = activeResources();
    const pending = drain(stream(server.url(), { signal: controller.signal, idleTimeout: 10_000 }));
    await server.waitForRequests(1);
    controller.abort();
    expect((await pending).error).toMatchObject({ name: "AbortError" });
    expect(await settledResourcesAbove(baseline)).toEqual({});
  });

  it("an already aborted signal rejects the first next() without any request", async () => {
    const server = await serve((_request, response) => answer(response, 204));
    const controller = new AbortController();
    controller.abort();
    const { error } = await drain(stream(server.url(), { signal: controller.signal }));
    expect(error).toMatchObject({ name: "AbortError" });
    expect(server.requests).toHaveLength(0);
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });

  it("an iteration that ends in an error leaves nothing behind either", async () => {
    const server = await serve((_request, response) => answer(response, 404, { "content-type": "text/plain" }, "gone"));
    const controller = new AbortController();
    const baseline = activeResources();
    const { error } = await drain(stream(server.url(), { signal: controller.signal, idleTimeout: 5000 }));
    expect(error).toBeInstanceOf(SseResponseError);
    expect(await settledResourcesAbove(baseline)).toEqual({});
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });

  it("each iteration of the iterable is its own stream", async () => {
    const server = await endlessServer();
    const events = stream(server.url());
    for (let round = 0; round < 2; round++) {
      for await (const event of events) {
        expect(event.data).toBe("1");
        break;
      }
    }
    expect(server.requests).toHaveLength(2);
  });

  it("concurrent next() calls are served in order", async () => {
    const server = await endlessServer();
    const iterator = stream(server.url())[Symbol.asyncIterator]();
    const results = await Promise.all([iterator.next(), iterator.next(), iterator.next()]);
    expect(results.map((result) => result.value?.data)).toEqual(["1", "2", "3"]);
    await iterator.return?.();
  });
});

describe("cancellation from a streamEvents hook", () => {
  it("aborting from inside onReconnect cancels the wait that was about to start", async () => {
    const server = await serve((_request, response) => answer(response, 503));
    const controller = new AbortController();
    const baseline = activeResources();
    const started = performance.now();
    const { error } = await drain(
      streamEvents(server.url(), {
        signal: controller.signal,
        backoff: { baseMs: 60_000, capMs: 60_000, random: () => 0.5 },
        onReconnect: () => controller.abort(),
      }),
    );
    expect(error).toMatchObject({ name: "AbortError" });
    expect(performance.now() - started).toBeLessThan(5000);
    expect(await settledResourcesAbove(baseline)).toEqual({});
  });
});
