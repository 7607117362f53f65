import { abortable } from "./abortable.ts";
import { callerHeaders } from "./caller-headers.ts";
import { SseConnectionError, SseError, SseResponseError, type SseConnectionLossReason } from "./errors.ts";
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

/** setTimeout fires at once for longer delays; a longer `retry` waits this long instead. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** A fetch that ignores its signal may still answer after we gave up on it: release that answer. */
function discardAnswer(answer: ConnectionAnswer | SseError): void {
  // Only a stream answer has a `response`; an error or a 204 has nothing to release.
  cancel((answer as { response?: Response } | undefined)?.response?.body);
}

/**
 * One iteration of `streamEvents`: connects, reads, reconnects and tears down.
 * It is pull-driven: bytes are read only while the consumer waits for an
 * event, so a slow consumer applies backpressure to the socket instead of
 * filling a queue.
 *
 * The connection loop is an async generator, which runs one request at a time
 * in order; the events of a chunk wait in `queue`, and `next()` hands them out
 * with an already resolved promise while no request waits for the generator.
 * `return()` and an abort tear everything down at once: they abort the
 * connection, which ends whatever the generator awaits, and the generator
 * then finds the session closed (see `stopped`) and ends.
 *
 * The state lives in this closure rather than in class fields, whose names
 * would survive minification.
 */
export function eventStreamSession(url: URL, options: StreamEventsOptions): AsyncIterableIterator<ServerSentEvent> {
  const { signal, onError, headers: headersOption } = options;
  let queue: ServerSentEvent[] = [];
  let closed = false;
  /** The signal's reason, once it aborted the session: the iteration rejects with it. */
  let aborted: [reason: unknown] | undefined;
  let connection: AbortController | undefined;
  /** Consecutive reconnects since the last connection that delivered an event. */
  let failures = 0;
  /** The spec's reconnection time, set by `retry` fields (HTML §9.2.6); the least wait before a reconnect. */
  let reconnectionTime = 0;
  let idle = false;
  /** Requests waiting for the generator; while there are any, later ones queue behind them. */
  let waiting = 0;

  const filter = options.dedupe === false ? undefined : replayFilter(options.lastEventId);
  const parser = parseEventStream({
    // lastEventId and maxEventSize mean the same for the parser.
    ...options,
    // The parser passes a second argument its public type leaves out (see DispatchCallback).
    onEvent: ((event: ServerSentEvent, ownId: string | undefined): void => {
      if (filter && !filter.accepts(ownId)) return;
      failures = 0;
      queue.push(event);
    }) as (event: ServerSentEvent) => void,
    onRetry: (milliseconds) => {
      reconnectionTime = milliseconds;
    },
  });
  const watchdog = idleWatchdog(options.idleTimeout, () => {
    idle = true;
    connection?.abort();
  });

  /** Releases everything at once: the connection (and with it any wait), the watchdog, the signal listener. Idempotent. */
  const close = (): void => {
    closed = true;
    signal?.removeEventListener("abort", onAbort);
    watchdog.dispose();
    connection?.abort();
  };

  const onAbort = (): void => {
    // The reason is thrown ahead of any queued event.
    queue = [];
    aborted = [signal!.reason];
    close();
  };

  /**
   * Whether the session was closed while the generator waited: then it must
   * stop, rejecting with the abort reason if an abort closed it.
   */
  const stopped = (): boolean => {
    if (aborted) throw aborted[0];
    return closed;
  };

  const connectionError = (reason: SseConnectionLossReason, init?: ErrorOptions): SseConnectionError =>
    new SseConnectionError(reason, `Connection lost: ${reason}`, init);

  /** The request or the body failed: a network error, or the idle watchdog's abort. */
  const broken = (error: unknown): SseConnectionError => connectionError(idle ? "idle-timeout" : "network", { cause: error });

  async function* run(): AsyncGenerator<ServerSentEvent, undefined, undefined> {
    let refreshedAfter401 = false;
    let resumed = false;
    let abort = (connection = new AbortController()).signal;
    try {
      // The signal may have aborted before the first request.
      if (stopped()) return;
      for (;;) {
        // The headers function's own error ends the stream, so it is awaited
        // apart from the request, whose errors are network errors.
        const headers = await abortable(callerHeaders(headersOption), abort);
        if (stopped()) return;
        idle = false;
        const pending = openConnection(url, headers, parser.lastEventId(), abort, options, watchdog);
        let answer: ConnectionAnswer | SseError;
        try {
          answer = await abortable(pending, abort);
        } catch (error) {
          pending.then(discardAnswer, noop);
          answer = broken(error);
        }
        if (stopped()) {
          discardAnswer(answer);
          return;
        }
        // Why this connection ended, and the least wait before the next
        // (Retry-After), or -1 to reconnect at once, without backoff.
        let cause = answer as SseError;
        let retryAfterMs = 0;
        if (answer instanceof SseResponseError) {
          const { status } = answer;
          if (status === 401 && typeof headersOption === "function" && !refreshedAfter401) {
            // Worth one more attempt, at once, with freshly fetched headers.
            refreshedAfter401 = true;
            retryAfterMs = -1;
          } else if (!answer.retryable) {
            throw answer;
          } else if (status === 429 || status === 503) {
            retryAfterMs = parseRetryAfter(answer.headers.get("retry-after"), { capMs: options.maxRetryAfterMs }) ?? 0;
          }
        } else if (!answer) {
          // 204: the server asks the client to stop.
          return;
        } else if (!(answer instanceof SseError)) {
          // A fresh parse per connection (HTML §9.2.5), keeping the last event id.
          parser.reset();
          refreshedAfter401 = false;
          const lastEventId = parser.lastEventId();
          filter?.opened(resumed || lastEventId !== undefined);
          resumed = true;
          notify(options.onConnect, { url: answer.url, headers: answer.response.headers, lastEventId });
          if (stopped()) return;
          cause = connectionError("end-of-stream");
          const reader = answer.response.body?.getReader();
          try {
            while (reader) {
              let result: ReadableStreamReadResult<Uint8Array>;
              try {
                result = await watchdog.watch(reader.read());
              } catch (error) {
                cause = broken(error);
                break;
              }
              if (stopped()) return;
              if (result.done) break;
              parser.feed(result.value);
              while (queue.length > 0) {
                yield queue.shift()!;
                if (stopped()) return;
              }
            }
          } finally {
            cancel(reader);
          }
        }
        // Reconnect after at least the server's reconnection time or
        // Retry-After, plus full-jitter backoff; a 401 refresh at once.
        connection.abort();
        // A clean end of stream is a reason to reconnect but not an error.
        if ((cause as SseConnectionError).reason !== "end-of-stream") notify(onError, cause, { willReconnect: true });
        if (stopped()) return;
        const attempt = ++failures;
        const delayMs =
          retryAfterMs < 0
            ? 0
            : Math.min(MAX_TIMER_MS, Math.max(retryAfterMs, reconnectionTime) + fullJitterBackoff(attempt - 1, options.backoff));
        notify(options.onReconnect, { attempt, delayMs, cause });
        if (stopped()) return;
        abort = (connection = new AbortController()).signal;
        let timer: ReturnType<typeof setTimeout> | undefined;
        // Closing the session aborts the connection, and with it this wait.
        await abortable(new Promise((resolve) => (timer = setTimeout(resolve, delayMs))), abort).finally(() => clearTimeout(timer));
      }
    } catch (error) {
      // A teardown ends the iteration quietly, or with the abort reason.
      if (stopped()) return;
      // The parser's SseEventTooLargeError, a headers function's error, an
      // answer that is not an event stream, or a bug: the events before it
      // are still delivered, then the iteration ends with it.
      close();
      notify(onError, error, { willReconnect: false });
      while (queue.length > 0) yield queue.shift()!;
      throw error;
    } finally {
      close();
    }
  }

  const generator = run();
  const settled = (): void => {
    waiting--;
  };
  if (signal?.aborted) onAbort();
  else signal?.addEventListener("abort", onAbort);

  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    next() {
      if (waiting === 0 && queue.length > 0) return Promise.resolve({ done: false, value: queue.shift()! });
      waiting++;
      const result = generator.next();
      result.then(settled, settled);
      return result;
    },
    return() {
      queue = [];
      close();
      return generator.return(undefined);
    },
  };
}
