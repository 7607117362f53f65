/**
 * Reconnection against real local servers that drop, end, stall, fail with
 * 5xx/408/429 and send `retry`: one continuous sequence of events, resumed
 * with Last-Event-ID, after full-jitter backoff. The shared suites run against
 * streamEvents and fetchEventStream; where streamEvents' onReconnect shows a
 * reconnect's cause and delay, fetchEventStream is checked through the
 * server's requests and the clock.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { SseConnectionError, SseResponseError, fetchEventStream, streamEvents, type ReconnectInfo, type StreamEventsOptions } from "../src/index.ts";
import { entries, type Entry } from "./support/entries.ts";
import { answer, openStream, startServer, take, type Handler, type TestServer } from "./support/test-server.ts";

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

/**
 * Options with reconnects that wait at most a few ms, recording every
 * onReconnect call when the entry has hooks (`reconnects` stays empty for
 * fetchEventStream).
 */
function recorder(
  options: StreamEventsOptions = {},
  { hooks }: Pick<Entry, "hooks"> = { hooks: true },
): { reconnects: ReconnectInfo[]; options: StreamEventsOptions } {
  const reconnects: ReconnectInfo[] = [];
  const onReconnect = hooks ? (info: ReconnectInfo) => reconnects.push(info) : undefined;
  return { reconnects, options: { backoff: { baseMs: 5, capMs: 20, random: () => 0 }, ...options, onReconnect } };
}

describe.each(entries)("$name", (entry) => {
  const { stream, hooks } = entry;

  describe("reconnecting", () => {
    it("resumes after the connection drops mid-stream, with Last-Event-ID, as one sequence", async () => {
      const server = await serve((request, response) => {
        openStream(response);
        const from = Number(request.headers["last-event-id"] ?? 0);
        response.write(`id: ${from + 1}\ndata: ${from + 1}\n\nid: ${from + 2}\ndata: ${from + 2}\n\n`);
        // Half an event, then the socket closes mid-body: a network error, not a clean
        // end. (A FIN, unlike a reset, cannot discard data the client has not read.)
        response.write("id: lost\ndata: half");
        response.socket?.end();
      });
      const { reconnects, options } = recorder({}, entry);
      const events = await take(stream(server.url(), options), 6);
      expect(events.map((event) => [event.id, event.data])).toEqual([
        ["1", "1"],
        ["2", "2"],
        ["3", "3"],
        ["4", "4"],
        ["5", "5"],
        ["6", "6"],
      ]);
      expect(server.requests.map((request) => request.lastEventId)).toEqual([undefined, "2", "4"]);
      if (hooks) {
        expect(reconnects[0]?.cause).toBeInstanceOf(SseConnectionError);
        expect((reconnects[0]!.cause as SseConnectionError).reason).toBe("network");
      }
    });

    it("reconnects after a clean end of stream", async () => {
      const server = await serve((_request, response, index) => {
        openStream(response);
        response.end(`id: e${index}\ndata: ${index}\n\n`);
      });
      const { reconnects, options } = recorder({}, entry);
      const events = await take(stream(server.url(), options), 3);
      expect(events.map((event) => event.data)).toEqual(["0", "1", "2"]);
      if (hooks) expect(reconnects.map((info) => (info.cause as SseConnectionError).reason)).toEqual(["end-of-stream", "end-of-stream"]);
      expect(server.requests[2]?.lastEventId).toBe("e1");
    });

    it.each([500, 502, 503, 408, 429])("retries %i with backoff, then streams", async (status) => {
      const server = await serve((_request, response, index) => {
        if (index < 2) {
          answer(response, status, { "content-type": "application/json" }, '{"code":"x"}');
          return;
        }
        openStream(response);
        response.write("data: up\n\n");
      });
      const errors: unknown[] = [];
      const onError = hooks ? (error: unknown, info: { willReconnect: boolean }) => errors.push([error, info.willReconnect]) : undefined;
      const { reconnects, options } = recorder({ onError }, entry);
      const events = await take(stream(server.url(), options), 1);
      expect(events[0]?.data).toBe("up");
      expect(server.requests).toHaveLength(3);
      if (hooks) {
        expect(reconnects.map((info) => info.attempt)).toEqual([1, 2]);
        const cause = reconnects[0]?.cause as SseResponseError;
        expect(cause).toBeInstanceOf(SseResponseError);
        expect(cause).toMatchObject({ status, retryable: true, body: '{"code":"x"}' });
        expect(errors).toEqual([
          [cause, true],
          [reconnects[1]?.cause, true],
        ]);
      }
    });

    it("honours Retry-After on 503 and 429, clamped to maxRetryAfterMs", async () => {
      const server = await serve((_request, response, index) => {
        if (index === 0) answer(response, 503, { "retry-after": "3600" });
        else if (index === 1) answer(response, 429, { "retry-after": "0" });
        else {
          openStream(response);
          response.write("data: up\n\n");
        }
      });
      const { reconnects, options } = recorder({ maxRetryAfterMs: 150 }, entry);
      const started = performance.now();
      await take(stream(server.url(), options), 1);
      if (hooks) expect(reconnects.map((info) => info.delayMs)).toEqual([150, 0]);
      expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    });

    it("ignores Retry-After on other statuses", async () => {
      const server = await serve((_request, response, index) => {
        if (index === 0) answer(response, 500, { "retry-after": "3600" });
        else {
          openStream(response);
          response.write("data: up\n\n");
        }
      });
      const { reconnects, options } = recorder({}, entry);
      const started = performance.now();
      await take(stream(server.url(), options), 1);
      if (hooks) expect(reconnects.map((info) => info.delayMs)).toEqual([0]);
      // An hour's Retry-After, clamped to the default of a minute, would time the test out.
      expect(performance.now() - started).toBeLessThan(5000);
    });
  });

  describe("retry fields", () => {
    it("waits at least the server's reconnection time before reconnecting", async () => {
      const server = await serve((_request, response, index) => {
        openStream(response);
        response.end(index === 0 ? "retry: 200\ndata: first\n\n" : "data: second\n\n");
      });
      const { reconnects, options } = recorder({}, entry);
      const times: number[] = [];
      for await (const _event of stream(server.url(), options)) {
        times.push(performance.now());
        if (times.length === 2) break;
      }
      if (hooks) expect(reconnects[0]?.delayMs).toBe(200);
      expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(190);
    });

    it("adds the jittered backoff on top of the reconnection time", async () => {
      const server = await serve((_request, response, index) => {
        if (index === 0) {
          openStream(response);
          response.end("retry: 30\ndata: a\n\n");
        } else if (index < 3) answer(response, 500);
        else {
          openStream(response);
          response.write("data: b\n\n");
        }
      });
      const { reconnects, options } = recorder({ backoff: { baseMs: 10, capMs: 1000, random: () => 0.5 } }, entry);
      const started = performance.now();
      await take(stream(server.url(), options), 2);
      if (hooks) expect(reconnects.map((info) => info.delayMs)).toEqual([35, 40, 50]);
      expect(performance.now() - started).toBeGreaterThanOrEqual(120);
    });

    it("ignores retry values that are not all digits", async () => {
      const server = await serve((_request, response, index) => {
        openStream(response);
        response.end(index === 0 ? "retry: 5000x\nretry: -5\nretry: 1.5\ndata: a\n\n" : "data: b\n\n");
      });
      const { reconnects, options } = recorder({}, entry);
      const started = performance.now();
      await take(stream(server.url(), options), 2);
      if (hooks) expect(reconnects[0]?.delayMs).toBe(0);
      // A retry of 5000 ms read from "5000x" would have made this take seconds.
      expect(performance.now() - started).toBeLessThan(2000);
    });
  });

  describe("idle watchdog", () => {
    it("resumes a connection on which nothing arrives for idleTimeout", async () => {
      const server = await serve((_request, response, index) => {
        openStream(response);
        response.write(`id: ${index}\ndata: ${index}\n\n`);
        // ...and then silence, with the connection left open.
      });
      const { reconnects, options } = recorder({ idleTimeout: 300 }, entry);
      const events = await take(stream(server.url(), options), 3);
      expect(events.map((event) => event.data)).toEqual(["0", "1", "2"]);
      if (hooks) expect(reconnects.map((info) => (info.cause as SseConnectionError).reason)).toEqual(["idle-timeout", "idle-timeout"]);
      expect(server.requests[2]?.lastEventId).toBe("1");
    });

    it("counts comments as signs of life", async () => {
      const server = await serve((_request, response, index) => {
        openStream(response);
        if (index > 0) {
          response.write("data: reconnected\n\n");
          return;
        }
        let beats = 0;
        const timer = setInterval(() => {
          beats++;
          response.write(beats === 25 ? "data: after heartbeats\n\n" : ": heartbeat\n\n");
        }, 100);
        response.on("close", () => clearInterval(timer));
      });
      // 2.5 s of nothing but heartbeats, one every 100 ms, against a 1 s
      // watchdog: without the comments the stream would have looked stalled
      // twice over, and a loaded machine's slow moment of up to 900 ms does not.
      const { reconnects, options } = recorder({ idleTimeout: 1_000 }, entry);
      const events = await take(stream(server.url(), options), 1);
      expect(events[0]?.data).toBe("after heartbeats");
      expect(reconnects).toEqual([]);
      expect(server.requests).toHaveLength(1);
    });

    it("treats a server that never answers as a stall", async () => {
      const server = await serve((_request, response, index) => {
        if (index === 0) return;
        openStream(response);
        response.write("data: finally\n\n");
      });
      const { reconnects, options } = recorder({ idleTimeout: 300 }, entry);
      const events = await take(stream(server.url(), options), 1);
      expect(events[0]?.data).toBe("finally");
      expect(server.requests).toHaveLength(2);
      if (hooks) expect((reconnects[0]!.cause as SseConnectionError).reason).toBe("idle-timeout");
    });

    it("does not count the time the consumer spends on an event", async () => {
      const server = await serve((_request, response) => {
        openStream(response);
        response.write("data: 1\n\n");
        setTimeout(() => response.write("data: 2\n\n"), 20);
      });
      // The consumer holds the first event 2.5 times as long as the watchdog
      // allows; the second arrived long before, so nothing was idle.
      const { reconnects, options } = recorder({ idleTimeout: 1_000 }, entry);
      const seen: string[] = [];
      for await (const event of stream(server.url(), options)) {
        seen.push(event.data);
        if (seen.length === 2) break;
        await new Promise((resolve) => setTimeout(resolve, 2_500));
      }
      expect(seen).toEqual(["1", "2"]);
      expect(reconnects).toEqual([]);
      expect(server.requests).toHaveLength(1);
    });
  });
});

describe("streamEvents' reconnect delays, seen through onReconnect", () => {
  it("retries network errors (nothing listening) with growing full-jitter delays", async () => {
    const server = await serve(() => {});
    const url = server.url();
    await server.close();
    servers.length = 0;
    const reconnects: ReconnectInfo[] = [];
    const controller = new AbortController();
    const iteration = take(
      streamEvents(url, {
        signal: controller.signal,
        backoff: { baseMs: 2, capMs: 9, random: () => 0.999 },
        onReconnect: (info) => {
          reconnects.push(info);
          if (info.attempt === 5) controller.abort();
        },
      }),
      1,
    );
    await expect(iteration).rejects.toMatchObject({ name: "AbortError" });
    // min(9, 2 * 2^(attempt - 1)) * 0.999, floored.
    expect(reconnects.map((info) => info.delayMs)).toEqual([1, 3, 7, 8, 8]);
    expect(reconnects.every((info) => info.cause instanceof SseConnectionError && info.cause.reason === "network")).toBe(true);
  });

  it("resets the attempt count after a connection that delivered an event", async () => {
    const plan = ["500", "500", "stream", "500", "stream"];
    const server = await serve((_request, response, index) => {
      if (plan[index] === "500") answer(response, 500);
      else {
        openStream(response);
        response.end(`data: ${index}\n\n`);
      }
    });
    const { reconnects, options } = recorder({ backoff: { baseMs: 4, capMs: 100, random: () => 0.5 } });
    await take(streamEvents(server.url(), options), 2);
    expect(reconnects.map((info) => [info.attempt, info.delayMs])).toEqual([
      [1, 2],
      [2, 4],
      [1, 2],
      [2, 4],
    ]);
  });

  it("uses the default backoff base of 500 ms", async () => {
    const server = await serve((_request, response) => answer(response, 503));
    const controller = new AbortController();
    const delays: number[] = [];
    const pending = take(
      streamEvents(server.url(), {
        signal: controller.signal,
        backoff: { random: () => 0.999_999 },
        onReconnect: (info) => {
          delays.push(info.delayMs);
          controller.abort();
        },
      }),
      1,
    );
    await expect(pending).rejects.toMatchObject({ name: "AbortError" });
    expect(delays).toEqual([499]);
  });
});

describe("fetchEventStream without hooks", () => {
  it("retries network errors (nothing listening) with backoff, one draw per attempt, until aborted", async () => {
    const server = await serve(() => {});
    const url = server.url();
    await server.close();
    servers.length = 0;
    const controller = new AbortController();
    let draws = 0;
    const random = (): number => {
      // One draw per reconnect (the argument check draws from a source of its
      // own): give up at the 5th.
      if (++draws === 5) controller.abort();
      return 0.999;
    };
    const iteration = take(fetchEventStream(url, { signal: controller.signal, backoff: { baseMs: 2, capMs: 9, random } }), 1);
    await expect(iteration).rejects.toMatchObject({ name: "AbortError" });
    expect(draws).toBe(5);
  });

  it("delivers every event a resuming server replays, as it has no replay dropping", async () => {
    const server = await serve((request, response) => {
      openStream(response);
      const last = Number(request.headers["last-event-id"] ?? 0);
      for (let id = Math.max(1, last); id <= last + 2; id++) response.write(`id: ${id}\ndata: ${id}\n\n`);
      response.end();
    });
    const events = await take(fetchEventStream(server.url(), { backoff: { baseMs: 5, capMs: 20, random: () => 0 } }), 6);
    expect(events.map((event) => event.data)).toEqual(["1", "2", "2", "3", "4", "4"]);
  });
});

describe("replays after a resume", () => {
  /**
   * An at-least-once server: on resume it replays the Last-Event-ID event and
   * `earlier` events before it, then sends two new ones.
   */
  const replayingServer = (earlier: number): Promise<TestServer> =>
    serve((request, response) => {
      openStream(response);
      const last = Number(request.headers["last-event-id"] ?? 0);
      for (let id = Math.max(1, last - earlier); id <= last + 2; id++) response.write(`id: ${id}\ndata: ${id}\n\n`);
      response.end();
    });

  it("drops events whose id was already delivered", async () => {
    const server = await replayingServer(1);
    const { options } = recorder();
    const events = await take(streamEvents(server.url(), options), 6);
    expect(events.map((event) => event.data)).toEqual(["1", "2", "3", "4", "5", "6"]);
    expect(server.requests.map((request) => request.lastEventId)).toEqual([undefined, "2", "4"]);
  });

  it("drops a replay of the lastEventId the stream resumed from", async () => {
    const server = await replayingServer(0);
    const { options } = recorder({ lastEventId: "3" });
    const events = await take(streamEvents(server.url(), options), 2);
    expect(events.map((event) => event.data)).toEqual(["4", "5"]);
  });

  it("keeps them when dedupe is false", async () => {
    const server = await replayingServer(0);
    const { options } = recorder({ dedupe: false });
    const events = await take(streamEvents(server.url(), options), 6);
    expect(events.map((event) => event.data)).toEqual(["1", "2", "2", "3", "4", "4"]);
  });

  it("stops dropping at the first new id, so a later legitimate repeat is delivered", async () => {
    const server = await serve((_request, response, index) => {
      openStream(response);
      response.end(index === 0 ? "id: a\ndata: 1\n\n" : "id: a\ndata: replay\n\nid: b\ndata: 2\n\nid: a\ndata: again\n\n");
    });
    const { options } = recorder();
    const events = await take(streamEvents(server.url(), options), 3);
    expect(events.map((event) => event.data)).toEqual(["1", "2", "again"]);
  });
});

describe("hooks", () => {
  it("reports connects, reconnects and errors", async () => {
    const server = await serve((_request, response, index) => {
      if (index === 0) answer(response, 503);
      else {
        openStream(response, { "x-request-id": `r${index}` });
        response.end(`id: ${index}\ndata: x\n\n`);
      }
    });
    const connects: unknown[] = [];
    const errors: [unknown, boolean][] = [];
    const { reconnects, options } = recorder({
      onConnect: (info) => connects.push([info.url, info.headers.get("x-request-id"), info.lastEventId]),
      onError: (error, info) => errors.push([error, info.willReconnect]),
    });
    await take(streamEvents(server.url(), options), 2);
    expect(connects).toEqual([
      [server.url(), "r1", undefined],
      [server.url(), "r2", "1"],
    ]);
    expect(reconnects.map((info) => info.attempt)).toEqual([1, 1]);
    // The clean end of stream is a reconnect cause but not an error.
    expect(errors).toEqual([[reconnects[0]?.cause, true]]);
  });

  it("are observers: one that throws or rejects changes nothing, and its error is reported", async () => {
    const reported = vi.spyOn(console, "error").mockImplementation(() => {});
    const server = await serve((_request, response, index) => {
      if (index === 0) answer(response, 500);
      else {
        openStream(response);
        response.end(`data: ${index}\n\n`);
      }
    });
    const boom = new Error("hook bug");
    const events = await take(
      streamEvents(server.url(), {
        backoff: { baseMs: 5, random: () => 0 },
        onConnect: () => {
          throw boom;
        },
        onReconnect: () => Promise.reject(boom),
        onError: () => {
          throw boom;
        },
      }),
      2,
    );
    expect(events.map((event) => event.data)).toEqual(["1", "2"]);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(reported).toHaveBeenCalled();
    expect(reported.mock.calls.every((call) => call.includes(boom))).toBe(true);
  });
});
