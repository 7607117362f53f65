/**
 * Faults a real server cannot produce on demand, injected through the `fetch`
 * option: a body that errors mid-stream, a fetch that rejects, a null body, a
 * browser's opaque redirect, a fetch that ignores its signal, exact chunk
 * boundaries, and long backoff sequences under fake timers. All but
 * streamEvents' own redirect and credentials handling run against
 * fetchEventStream too.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { type SseConnectionError, SseEventTooLargeError, streamEvents, type ReconnectInfo } from "../src/index.ts";
import { entries } from "./support/entries.ts";
import { drain, take } from "./support/test-server.ts";

const encoder = new TextEncoder();
type Chunk = Uint8Array | Error;

/** A body that yields `chunks` in order (an Error element errors the stream), then ends or stays open. */
function body(chunks: Chunk[], { end = true, onCancel }: { end?: boolean; onCancel?: () => void } = {}): ReadableStream<Uint8Array> {
  let index = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks[index++];
      if (chunk instanceof Error) controller.error(chunk);
      else if (chunk !== undefined) controller.enqueue(chunk);
      else if (end) controller.close();
      else return new Promise<void>(() => {});
      return undefined;
    },
    cancel() {
      onCancel?.();
    },
  });
}

const eventStream = (stream: ReadableStream<Uint8Array> | null, status = 200): Response =>
  new Response(stream, { status, headers: { "content-type": "text/event-stream" } });

/** A fetch that answers each call from `answers` in turn, recording what it was asked. */
function scriptedFetch(answers: (() => Response | Promise<Response>)[]): {
  fetch: (url: string, init: RequestInit) => Promise<Response>;
  calls: { url: string; init: RequestInit }[];
} {
  const calls: { url: string; init: RequestInit }[] = [];
  return {
    calls,
    fetch: async (url, init) => {
      calls.push({ url, init });
      const next = answers[calls.length - 1];
      if (next === undefined) throw new Error(`unexpected fetch #${calls.length}`);
      return next();
    },
  };
}

const fast = { backoff: { baseMs: 1, capMs: 1, random: () => 0 } };

afterEach(() => {
  vi.useRealTimers();
});

describe.each(entries)("injected faults with $name", ({ stream, hooks }) => {
  it("reconnects when the body errors midway, after delivering what was complete", async () => {
    const broken = new TypeError("terminated");
    const { fetch, calls } = scriptedFetch([
      () => eventStream(body([encoder.encode("id: 1\ndata: a\n\ndata: partial"), broken])),
      () => eventStream(body([encoder.encode("data: b\n\n")], { end: false })),
    ]);
    const reconnects: ReconnectInfo[] = [];
    const onReconnect = hooks ? (info: ReconnectInfo) => reconnects.push(info) : undefined;
    const events = await take(stream("http://sse.test/", { ...fast, fetch, onReconnect }), 2);
    expect(events.map((event) => [event.data, event.id])).toEqual([
      ["a", "1"],
      ["b", "1"],
    ]);
    if (hooks) {
      const cause = reconnects[0]?.cause as SseConnectionError;
      expect(cause).toMatchObject({ name: "SseConnectionError", reason: "network" });
      expect(cause.cause).toBe(broken);
    }
    expect(new Headers(calls[1]?.init.headers).get("last-event-id")).toBe("1");
  });

  it("reconnects when fetch itself rejects", async () => {
    const { fetch, calls } = scriptedFetch([
      () => Promise.reject(new TypeError("fetch failed")),
      () => Promise.reject(new TypeError("fetch failed")),
      () => eventStream(body([encoder.encode("data: up\n\n")], { end: false })),
    ]);
    const events = await take(stream("http://sse.test/", { ...fast, fetch }), 1);
    expect(events[0]?.data).toBe("up");
    expect(calls).toHaveLength(3);
  });

  it("treats a 200 without a body as an end of stream", async () => {
    const reconnects: ReconnectInfo[] = [];
    const { fetch, calls } = scriptedFetch([() => eventStream(null), () => eventStream(body([encoder.encode("data: up\n\n")], { end: false }))]);
    const onReconnect = hooks ? (info: ReconnectInfo) => reconnects.push(info) : undefined;
    await take(stream("http://sse.test/", { ...fast, fetch, onReconnect }), 1);
    expect(calls).toHaveLength(2);
    if (hooks) expect((reconnects[0]!.cause as SseConnectionError).reason).toBe("end-of-stream");
  });

  it("calls fetch as a plain function, as a browser's fetch requires", async () => {
    const receivers: unknown[] = [];
    const recordingFetch = function (this: unknown, _url: string, _init: RequestInit): Promise<Response> {
      receivers.push(this);
      return Promise.resolve(eventStream(body([encoder.encode("data: ok\n\n")], { end: false })));
    };
    await take(stream("http://sse.test/", { fetch: recordingFetch }), 1);
    // A browser's fetch throws "Illegal invocation" for any receiver but the global object.
    expect(receivers).toEqual([undefined]);
  });

  it("cancels the body on break even when the fetch ignores its signal", async () => {
    let cancelled = false;
    const { fetch, calls } = scriptedFetch([() => eventStream(body([encoder.encode("data: 1\n\n")], { end: false, onCancel: () => (cancelled = true) }))]);
    await take(stream("http://sse.test/", { fetch }), 1);
    expect(cancelled).toBe(true);
    expect(calls[0]?.init.signal?.aborted).toBe(true);
  });

  it("gives up on a fetch that ignores its signal, on abort, and releases its late answer", async () => {
    let answer!: (response: Response) => void;
    let cancelled = false;
    const stubborn = (): Promise<Response> => new Promise((resolve) => (answer = resolve));
    const controller = new AbortController();
    const pending = drain(stream("http://sse.test/", { fetch: stubborn, signal: controller.signal }));
    await vi.waitFor(() => expect(answer).toBeTypeOf("function"));
    controller.abort();
    expect((await pending).error).toMatchObject({ name: "AbortError" });
    answer(eventStream(body([], { end: false, onCancel: () => (cancelled = true) })));
    await vi.waitFor(() => expect(cancelled).toBe(true));
  });

  it("gives up on a fetch that ignores its signal when the idle watchdog fires, and reconnects", async () => {
    const { fetch, calls } = scriptedFetch([
      () => new Promise<Response>(() => {}),
      () => eventStream(body([encoder.encode("data: second try\n\n")], { end: false })),
    ]);
    const reconnects: ReconnectInfo[] = [];
    const onReconnect = hooks ? (info: ReconnectInfo) => reconnects.push(info) : undefined;
    const events = await take(stream("http://sse.test/", { ...fast, fetch, idleTimeout: 50, onReconnect }), 1);
    expect(events[0]?.data).toBe("second try");
    expect(calls).toHaveLength(2);
    if (hooks) expect((reconnects[0]!.cause as SseConnectionError).reason).toBe("idle-timeout");
  });

  it("gives up on a fetch that ignores its signal on restart(), and reconnects at once without an error", async () => {
    const { fetch, calls } = scriptedFetch([
      () => new Promise<Response>(() => {}),
      () => eventStream(body([encoder.encode("data: after restart\n\n")], { end: false })),
    ]);
    const errors: unknown[] = [];
    const events = stream("http://sse.test/", { fetch, onError: (error) => errors.push(error) });
    const iterator = events[Symbol.asyncIterator]();
    const next = iterator.next();
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    events.restart();
    expect((await next).value?.data).toBe("after restart");
    await iterator.return?.();
    expect(calls).toHaveLength(2);
    expect(errors).toEqual([]);
  });

  it("keeps timing a later request when a stalled one that ignored its signal answers late", async () => {
    let answerFirst!: (response: Response) => void;
    let markSecondAsked!: () => void;
    const secondAsked = new Promise<void>((resolve) => (markSecondAsked = resolve));
    const { fetch, calls } = scriptedFetch([
      () => new Promise<Response>((resolve) => (answerFirst = resolve)),
      () => {
        markSecondAsked();
        return new Promise<Response>(() => {});
      },
      () => eventStream(body([encoder.encode("data: third try\n\n")], { end: false })),
    ]);
    const events = take(stream("http://sse.test/", { ...fast, fetch, idleTimeout: 100 }), 1);
    await secondAsked;
    // The first request, given up on by the watchdog, answers while the second stalls: the second is still timed.
    answerFirst(eventStream(body([], { end: false })));
    expect((await events)[0]?.data).toBe("third try");
    expect(calls).toHaveLength(3);
  });

  // A fetch that ignores its signal leaves its body open when the connection
  // is aborted: a read stalled on it must end on the session's account, as
  // the wait for an answer does.
  it("ends a read stalled on the body of a fetch that ignores its signal, on abort, and cancels the body", async () => {
    let cancelled = false;
    const { fetch } = scriptedFetch([() => eventStream(body([encoder.encode("data: first\n\n")], { end: false, onCancel: () => (cancelled = true) }))]);
    const controller = new AbortController();
    const reason = new Error("stop");
    const iterator = stream("http://sse.test/", { fetch, signal: controller.signal })[Symbol.asyncIterator]();
    expect((await iterator.next()).value?.data).toBe("first");
    const stalled = iterator.next();
    controller.abort(reason);
    await expect(stalled).rejects.toBe(reason);
    await vi.waitFor(() => expect(cancelled).toBe(true));
  });

  it("ends a read stalled on the body of a fetch that ignores its signal when the idle watchdog fires, and reconnects", async () => {
    const { fetch, calls } = scriptedFetch([
      () => eventStream(body([encoder.encode("id: 1\ndata: first\n\n")], { end: false })),
      () => eventStream(body([encoder.encode("data: second\n\n")], { end: false })),
    ]);
    const reconnects: ReconnectInfo[] = [];
    const onReconnect = hooks ? (info: ReconnectInfo) => reconnects.push(info) : undefined;
    const events = await take(stream("http://sse.test/", { ...fast, fetch, idleTimeout: 100, onReconnect }), 2);
    expect(events.map((event) => event.data)).toEqual(["first", "second"]);
    expect(new Headers(calls[1]?.init.headers).get("last-event-id")).toBe("1");
    if (hooks) expect((reconnects[0]!.cause as SseConnectionError).reason).toBe("idle-timeout");
  });

  it("ends a read stalled on the body of a fetch that ignores its signal on restart(), and reconnects at once without an error", async () => {
    const { fetch, calls } = scriptedFetch([
      () => eventStream(body([encoder.encode("data: first\n\n")], { end: false })),
      () => eventStream(body([encoder.encode("data: after restart\n\n")], { end: false })),
    ]);
    const errors: unknown[] = [];
    const events = stream("http://sse.test/", { fetch, onError: (error) => errors.push(error) });
    const iterator = events[Symbol.asyncIterator]();
    expect((await iterator.next()).value?.data).toBe("first");
    const next = iterator.next();
    events.restart();
    expect((await next).value?.data).toBe("after restart");
    await iterator.return?.();
    expect(calls).toHaveLength(2);
    expect(errors).toEqual([]);
  });

  it("gives up on a headers function that never settles, on abort", async () => {
    const controller = new AbortController();
    let asked = false;
    const pending = drain(
      stream("http://sse.test/", {
        signal: controller.signal,
        fetch: () => Promise.reject(new Error("never called")),
        headers: () => {
          asked = true;
          return new Promise<Record<string, string>>(() => {});
        },
      }),
    );
    await vi.waitFor(() => expect(asked).toBe(true));
    controller.abort();
    expect((await pending).error).toMatchObject({ name: "AbortError" });
  });

  it("handles a CRLF and a character split across network chunks", async () => {
    const bytes = encoder.encode("id: é\r\ndata: 日本\r\n\r\n");
    const chunks = Array.from(bytes, (byte) => Uint8Array.of(byte));
    const { fetch } = scriptedFetch([() => eventStream(body(chunks, { end: false }))]);
    const events = await take(stream("http://sse.test/", { fetch }), 1);
    expect(events).toEqual([{ event: "message", data: "日本", id: "é" }]);
  });

  it("delivers the events before an oversized one, then ends with SseEventTooLargeError", async () => {
    const { fetch, calls } = scriptedFetch([
      () => eventStream(body([encoder.encode(`data: ok\n\ndata: ${"x".repeat(100)}`), encoder.encode("x".repeat(100))], { end: false })),
    ]);
    const { items, error } = await drain(stream("http://sse.test/", { fetch, maxEventSize: 150 }));
    expect(items.map((event) => event.data)).toEqual(["ok"]);
    expect(error).toBeInstanceOf(SseEventTooLargeError);
    expect(error).toMatchObject({ name: "SseEventTooLargeError", maxEventSize: 150 });
    expect(calls[0]?.init.signal?.aborted).toBe(true);
  });

  it("backs off 499, 999, 1999, 3999, 7999, 9999, 9999 ms with the default base and cap", async () => {
    vi.useFakeTimers();
    const { fetch, calls } = scriptedFetch([
      ...Array.from({ length: 7 }, () => () => new Response(null, { status: 503 })),
      () => eventStream(body([encoder.encode("data: up\n\n")], { end: false })),
    ]);
    const delays: number[] = [];
    const onReconnect = hooks ? (info: ReconnectInfo) => delays.push(info.delayMs) : undefined;
    const pending = take(stream("http://sse.test/", { fetch, backoff: { random: () => 0.999_999 }, onReconnect }), 1);
    // Each request goes out exactly when its delay is over, not a millisecond before.
    await vi.advanceTimersByTimeAsync(0);
    for (const [index, delay] of [499, 999, 1999, 3999, 7999, 9999, 9999].entries()) {
      await vi.advanceTimersByTimeAsync(delay - 1);
      expect(calls).toHaveLength(index + 1);
      await vi.advanceTimersByTimeAsync(1);
      expect(calls).toHaveLength(index + 2);
    }
    expect((await pending)[0]?.data).toBe("up");
    if (hooks) expect(delays).toEqual([499, 999, 1999, 3999, 7999, 9999, 9999]);
  });

  it("caps a huge retry value at maxRetryAfterMs, a minute by default", async () => {
    vi.useFakeTimers();
    const { fetch, calls } = scriptedFetch([
      () => eventStream(body([encoder.encode("retry: 99999999999999999999\ndata: a\n\n")])),
      () => eventStream(body([encoder.encode("data: b\n\n")], { end: false })),
    ]);
    const delays: number[] = [];
    const onReconnect = hooks ? (info: ReconnectInfo) => delays.push(info.delayMs) : undefined;
    const iterator = stream("http://sse.test/", { fetch, backoff: { random: () => 0 }, onReconnect })[Symbol.asyncIterator]();
    expect((await iterator.next()).value?.data).toBe("a");
    const waiting = iterator.next();
    await vi.advanceTimersByTimeAsync(59_999);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toHaveLength(2);
    expect((await waiting).value?.data).toBe("b");
    if (hooks) expect(delays).toEqual([60_000]);
    await iterator.return?.();
  });
});

describe("streamEvents' own requests", () => {
  it("asks for manual redirects, and lets a browser follow an opaque one", async () => {
    const opaque = Object.defineProperty(new Response(null, { status: 200 }), "type", { value: "opaqueredirect" });
    const { fetch, calls } = scriptedFetch([() => opaque, () => eventStream(body([encoder.encode("data: followed\n\n")], { end: false }))]);
    const events = await take(streamEvents("http://sse.test/a", { fetch, headers: { "X-Key": "k" } }), 1);
    expect(events[0]?.data).toBe("followed");
    expect(calls.map((call) => [call.url, call.init.redirect, new Headers(call.init.headers).get("x-key")])).toEqual([
      ["http://sse.test/a", "manual", "k"],
      ["http://sse.test/a", "follow", "k"],
    ]);
  });

  it("passes the credentials mode through, and leaves fetch's default alone otherwise", async () => {
    const { fetch, calls } = scriptedFetch([
      () => eventStream(body([encoder.encode("data: 1\n\n")])),
      () => eventStream(body([encoder.encode("data: 2\n\n")])),
    ]);
    await take(streamEvents("http://sse.test/", { fetch, credentials: "include" }), 1);
    await take(streamEvents("http://sse.test/", { fetch }), 1);
    expect(calls.map((call) => call.init.credentials)).toEqual(["include", undefined]);
  });
});
