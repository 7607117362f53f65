import { abortable } from "./abortable.ts";
import { callerHeaders } from "./caller-headers.ts";
import { SseConnectionError, SseResponseError, type SseError } from "./errors.ts";
import { fullJitterBackoff } from "./full-jitter-backoff.ts";
import { idleWatchdog } from "./idle-watchdog.ts";
import { cancel, noop } from "./ignore.ts";
import { notify } from "./notify.ts";
import { openConnection, type ConnectionAnswer } from "./open-connection.ts";
import { parseEventStream } from "./parse-event-stream.ts";
import { parseRetryAfter } from "./parse-retry-after.ts";
import { replayFilter } from "./replay-filter.ts";
import type { ServerSentEvent } from "./server-sent-event.ts";
import type { StreamEventsOptions } from "./stream-events.ts";

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };
/** setTimeout fires at once for longer delays; a longer `retry` waits this long instead. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** A fetch that ignores its signal may still answer after we gave up on it: release that answer. */
function discardAnswer(answer: ConnectionAnswer): void {
  if (answer && !(answer instanceof SseResponseError)) cancel(answer.response.body);
}

/**
 * One iteration of `streamEvents`: the state machine that connects, reads,
 * reconnects and tears down. It is pull-driven: bytes are read only while the
 * consumer waits for an event, so a slow consumer applies backpressure to the
 * socket instead of filling a queue.
 *
 * Every await is followed by a check of `closed`, because `return()` or an
 * abort can tear the session down while it waits; teardown itself only
 * releases resources, and the waiting code then finds out and stops.
 *
 * The state lives in this closure rather than in class fields, whose names
 * would survive minification.
 */
export function eventStreamSession(url: URL, options: StreamEventsOptions): AsyncIterableIterator<ServerSentEvent> {
  const { signal, onError, onReconnect } = options;
  let queue: ServerSentEvent[] = [];
  let closed = false;
  /**
   * An error to throw once the queued events are delivered. An abort's reason
   * is thrown ahead of them, so an abort empties the queue first.
   */
  let failure: [error: unknown] | undefined;
  let connection: AbortController | undefined;
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  /** The wait before the next connection; undefined for the first one. */
  let reconnectDelay: number | undefined;
  /** Consecutive reconnects since the last connection that delivered an event. */
  let failures = 0;
  let resumed = false;
  /** The spec's reconnection time, set by `retry` fields (HTML §9.2.6); the least wait before a reconnect. */
  let reconnectionTime = 0;
  let refreshedAfter401 = false;
  let idle = false;
  let pendingPulls = 0;
  let tail: Promise<unknown> = Promise.resolve();

  const filter = options.dedupe === false ? undefined : replayFilter(options.lastEventId);
  const parser = parseEventStream({
    // The parser passes a second argument its public type leaves out (see DispatchCallback).
    onEvent: ((event: ServerSentEvent, ownId: string | undefined): void => {
      if (filter && !filter.accepts(ownId)) return;
      failures = 0;
      queue.push(event);
    }) as (event: ServerSentEvent) => void,
    onRetry: (milliseconds) => {
      reconnectionTime = milliseconds;
    },
    lastEventId: options.lastEventId,
    maxEventSize: options.maxEventSize,
  });
  const watchdog = idleWatchdog(options.idleTimeout, () => {
    idle = true;
    connection?.abort();
  });

  const dropConnection = (): void => {
    connection?.abort();
    connection = undefined;
    cancel(reader);
    reader = undefined;
  };

  /**
   * Releases everything at once: the connection (and with it a pending
   * reconnect wait), the watchdog, the signal listener. Idempotent.
   */
  const close = (): void => {
    closed = true;
    signal?.removeEventListener("abort", onAbort);
    watchdog.dispose();
    dropConnection();
  };

  const onAbort = (): void => {
    queue = [];
    failure = [signal!.reason];
    close();
  };

  const fail = (error: unknown): void => {
    failure = [error];
    close();
    notify(onError, error, { willReconnect: false });
  };

  /**
   * The connection is gone; reconnect after at least the server's reconnection
   * time or `Retry-After`, plus full-jitter backoff, or at once (`immediate`).
   * A clean end of stream is a reason to reconnect but not an error.
   */
  const lost = (cause: SseError, retryAfterMs = 0, immediate = false): void => {
    dropConnection();
    if ((cause as SseConnectionError).reason !== "end-of-stream") notify(onError, cause, { willReconnect: true });
    // The hook may have aborted the stream.
    if (closed) return;
    const attempt = ++failures;
    reconnectDelay = immediate
      ? 0
      : Math.min(MAX_TIMER_MS, Math.max(retryAfterMs, reconnectionTime) + fullJitterBackoff(attempt - 1, options.backoff));
    notify(onReconnect, { attempt, delayMs: reconnectDelay, cause });
  };

  /** The request or the body failed: a network error, or the idle watchdog's abort. */
  const broken = (error: unknown): void => {
    if (closed) return;
    lost(
      new SseConnectionError(
        idle ? "idle-timeout" : "network",
        idle ? `Nothing arrived for ${options.idleTimeout} ms` : "The connection failed",
        { cause: error },
      ),
    );
  };

  const ended = (): void => lost(new SseConnectionError("end-of-stream", "The server ended the event stream"));

  const connect = async (): Promise<void> => {
    const { signal: connectionSignal } = (connection = new AbortController());
    const delay = reconnectDelay;
    if (delay !== undefined) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      // Closing the session aborts the connection, and with it this wait; the
      // rejection that follows is dropped by pull, as the session is closed.
      await abortable(new Promise((resolve) => (timer = setTimeout(resolve, delay))), connectionSignal).finally(() =>
        clearTimeout(timer),
      );
      reconnectDelay = undefined;
    }
    // The headers function's own error ends the stream (see pull), so it is
    // awaited apart from the request, whose errors are network errors.
    const headers = await abortable(callerHeaders(options.headers), connectionSignal);
    if (closed) return;
    idle = false;
    const pending = openConnection(url, headers, parser.lastEventId(), connectionSignal, options, watchdog);
    let answer: ConnectionAnswer;
    try {
      answer = await abortable(pending, connectionSignal);
    } catch (error) {
      pending.then(discardAnswer, noop);
      return broken(error);
    }
    if (closed) return discardAnswer(answer);
    if (answer instanceof SseResponseError) {
      const { status } = answer;
      if (status === 401 && typeof options.headers === "function" && !refreshedAfter401) {
        // Worth one more attempt, at once, with freshly fetched headers.
        refreshedAfter401 = true;
        lost(answer, 0, true);
      } else if (answer.retryable) {
        const retryAfter = status === 429 || status === 503 ? answer.headers.get("retry-after") : null;
        lost(answer, parseRetryAfter(retryAfter, { capMs: options.maxRetryAfterMs }));
      } else {
        fail(answer);
      }
    } else if (answer) {
      // A fresh parse per connection (HTML §9.2.5), keeping the last event id.
      parser.reset();
      refreshedAfter401 = false;
      const lastEventId = parser.lastEventId();
      filter?.opened(resumed || lastEventId !== undefined);
      resumed = true;
      notify(options.onConnect, { url: answer.url, headers: answer.response.headers, lastEventId });
      const body = answer.response.body;
      if (closed) return;
      if (body) reader = body.getReader();
      else ended();
    } else {
      // 204: the stream is over.
      connection = undefined;
      close();
    }
  };

  const read = async (): Promise<void> => {
    let result: ReadableStreamReadResult<Uint8Array>;
    try {
      result = await watchdog.watch(reader!.read());
    } catch (error) {
      return broken(error);
    }
    if (closed) return;
    if (result.done) ended();
    else parser.feed(result.value);
  };

  const pull = async (): Promise<IteratorResult<ServerSentEvent>> => {
    for (;;) {
      if (queue.length > 0) return { done: false, value: queue.shift()! };
      if (failure) {
        const [error] = failure;
        failure = undefined;
        throw error;
      }
      if (closed) return DONE;
      try {
        await (reader ? read() : connect());
      } catch (error) {
        // The parser's SseEventTooLargeError, a headers function's error, or a bug.
        if (!closed) fail(error);
      }
    }
  };

  const pullSettled = (): void => {
    pendingPulls--;
  };

  if (signal?.aborted) onAbort();
  else signal?.addEventListener("abort", onAbort);

  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    next() {
      if (pendingPulls === 0 && queue.length > 0) return Promise.resolve({ done: false, value: queue.shift()! });
      // Calls made while another is pending run one after the other.
      pendingPulls++;
      const result = tail.then(pull);
      tail = result.then(pullSettled, pullSettled);
      return result;
    },
    return() {
      queue = [];
      failure = undefined;
      close();
      return Promise.resolve(DONE);
    },
  };
}
