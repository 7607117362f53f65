import { callerHeaders } from "./caller-headers.ts";
import type { ConnectionAnswer } from "./connection-answer.ts";
import { SseResponseError } from "./errors.ts";
import type { FetchEventStreamOptions } from "./fetch-event-stream.ts";
import { fullJitterBackoff } from "./full-jitter-backoff.ts";
import { cancel, noop } from "./ignore.ts";
import type { OpenConnection } from "./open-connection.ts";
import { parseEventStream } from "./parse-event-stream.ts";
import { idleWatchdog } from "./idle-watchdog.ts";
import { parseRetryAfter } from "./parse-retry-after.ts";
import type { ServerSentEvent } from "./server-sent-event.ts";

/** setTimeout fires at once for longer delays; a longer `retry` waits this long instead. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * How a connection ended, short of ending the stream: with a retryable answer
 * (or a 401 worth another attempt); with `[error]`, the error that broke the
 * request or the body; or, for a stream answer, cleanly at the end of the body.
 */
export type ConnectionEnd = Exclude<ConnectionAnswer, undefined> | [error: unknown];

/**
 * What `streamEvents` adds to a session (see `streamEventsExtension`), called
 * at the points where it acts. The session checks after each call whether it
 * was closed meanwhile, so a hook may abort the stream.
 */
export interface SessionExtension {
  /**
   * A connection opened with `answer`, resuming from `lastEventId`; called
   * before its first read. Returns what decides, for each event of this
   * connection, whether to deliver it, given the id field of its own block
   * (`undefined` when it had none); every event is delivered without it.
   */
  opened(answer: Exclude<ConnectionAnswer, SseResponseError | undefined>, lastEventId: string | undefined): EventFilter | undefined;
  /** The connection ended as `end` says, and the stream reconnects; `idle` when the idle watchdog ended it. */
  lost(end: ConnectionEnd, idle: boolean): void;
  /** The reconnect after {@link lost} is scheduled, before the wait. */
  reconnecting(attempt: number, delayMs: number): void;
  /** The iteration ends with `error`. */
  failed(error: unknown): void;
}

/** Whether to deliver an event, given the id field of its own block (`undefined` when it had none). */
export type EventFilter = (ownId: string | undefined) => boolean;

/** A fetch that ignores its signal may still answer after we gave up on it: release that answer. */
function discardAnswer(answer: ConnectionAnswer | [error: unknown]): void {
  // Only a stream answer has a `response`; an error or a 204 has nothing to release.
  cancel((answer as { response?: Response } | undefined)?.response?.body);
}

/**
 * One iteration of `fetchEventStream` or `streamEvents`: connects (with
 * `open`), reads, reconnects and tears down, with `extension`'s additions.
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
export function eventStreamSession(
  url: URL,
  options: FetchEventStreamOptions,
  open: OpenConnection,
  extension?: SessionExtension,
): AsyncIterableIterator<ServerSentEvent> {
  const { signal, headers: headersOption } = options;
  // Called as a plain function: a browser's fetch throws "Illegal invocation"
  // when called as a method of anything but the global object.
  const fetch = options.fetch ?? globalThis.fetch;
  /** The extension's filter for the events of this connection. */
  let accepts: EventFilter | undefined;
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
  /** The wait before a reconnect, which close() clears. */
  let reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  /** Rejects the wait in progress (see `interruptible`); a no-op once it settled. */
  let interrupt: (reason: unknown) => void = noop;

  const parser = parseEventStream({
    // lastEventId and maxEventSize mean the same for the parser.
    ...options,
    // The parser passes a second argument its public type leaves out (see DispatchCallback).
    onEvent: ((event: ServerSentEvent, ownId: string | undefined): void => {
      if (accepts && !accepts(ownId)) return;
      failures = 0;
      queue.push(event);
    }) as (event: ServerSentEvent) => void,
    onRetry: (milliseconds) => {
      reconnectionTime = milliseconds;
    },
  });

  /**
   * The promise `start` returns, or a rejection as soon as the wait is
   * interrupted, whichever comes first: cancellation must not depend on a
   * custom fetch or a headers function honouring the signal, as one that never
   * settles would otherwise hold the stream (and the consumer's loop) forever.
   * The generator waits for one thing at a time, so one `interrupt` serves
   * them all; it is set before `start` runs, so an abort made from inside it
   * (by a headers function, say) interrupts this very wait. The promise stays
   * subscribed, so its late rejection is never reported as unhandled.
   */
  const interruptible = <T>(start: () => Promise<T>): Promise<T> =>
    new Promise((resolve, reject) => {
      interrupt = reject;
      start().then(resolve, reject);
    });

  /** Aborts the connection, and with it the wait in progress. */
  const abortConnection = (): void => {
    connection?.abort();
    interrupt(connection?.signal.reason);
  };

  const watchdog = idleWatchdog(options.idleTimeout, () => {
    idle = true;
    abortConnection();
  });

  /** Releases everything at once: the connection and any wait, the timers, the signal listener. Idempotent. */
  const close = (): void => {
    closed = true;
    signal?.removeEventListener("abort", onAbort);
    watchdog.dispose();
    clearTimeout(reconnectTimer);
    abortConnection();
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

  async function* run(): AsyncGenerator<ServerSentEvent, undefined, undefined> {
    let refreshedAfter401 = false;
    /** The least wait before the next connection (Retry-After), or -1 to reconnect at once after a 401. */
    let retryAfterMs = 0;
    try {
      // The signal may have aborted before the first request.
      if (stopped()) return;
      for (;;) {
        // Each connection has its own controller, which close() aborts.
        // biome-ignore lint/suspicious/noAssignInExpressions: the shortest spelling in the bundle.
        const abort = (connection = new AbortController()).signal;
        // The headers function's own error ends the stream, so it is awaited
        // apart from the request, whose errors are network errors.
        const headers = await interruptible(() => callerHeaders(headersOption, { unauthorized: retryAfterMs < 0 }));
        if (stopped()) return;
        idle = false;
        retryAfterMs = 0;
        let pending!: Promise<ConnectionAnswer>;
        /** The answer, then how the connection ended. */
        let answer: ConnectionAnswer | [error: unknown];
        try {
          answer = await interruptible(
            () => (pending = open(url, headers, parser.lastEventId(), (href, init) => watchdog.watch(fetch(href, { ...init, signal: abort })))),
          );
        } catch (error) {
          pending.then(discardAnswer, noop);
          answer = [error];
        }
        if (stopped()) {
          discardAnswer(answer);
          return;
        }
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
        } else if ("response" in answer) {
          // A fresh parse per connection (HTML §9.2.5), keeping the last event id.
          parser.reset();
          refreshedAfter401 = false;
          accepts = extension?.opened(answer, parser.lastEventId());
          if (stopped()) return;
          const reader = answer.response.body?.getReader();
          try {
            while (reader) {
              let result: ReadableStreamReadResult<Uint8Array>;
              try {
                result = await watchdog.watch(reader.read());
              } catch (error) {
                answer = [error];
                break;
              }
              if (stopped()) return;
              if (result.done) break;
              parser.feed(result.value);
              while (queue.length) {
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
        abortConnection();
        // A session closed while it read (break, return, abort) did not lose its connection.
        if (stopped()) return;
        extension?.lost(answer, idle);
        if (stopped()) return;
        const attempt = ++failures;
        const delayMs =
          retryAfterMs < 0 ? 0 : Math.min(MAX_TIMER_MS, Math.max(retryAfterMs, reconnectionTime) + fullJitterBackoff(attempt - 1, options.backoff));
        extension?.reconnecting(attempt, delayMs);
        if (stopped()) return;
        // Closing the session interrupts this wait and clears its timer.
        await interruptible(() => new Promise((resolve) => (reconnectTimer = setTimeout(resolve, delayMs))));
      }
    } catch (error) {
      // A teardown ends the iteration quietly, or with the abort reason.
      if (stopped()) return;
      // The parser's SseEventTooLargeError, a headers function's error, an
      // answer that is not an event stream, or a bug: the events before it
      // are still delivered, then the iteration ends with it.
      close();
      extension?.failed(error);
      while (queue.length) yield queue.shift()!;
      throw error;
    } finally {
      close();
    }
  }

  const generator = run();
  if (signal?.aborted) onAbort();
  else signal?.addEventListener("abort", onAbort);

  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    next() {
      if (!waiting && queue.length) return Promise.resolve({ done: false, value: queue.shift()! });
      waiting++;
      return generator.next().finally(() => waiting--);
    },
    return() {
      queue = [];
      close();
      return generator.return(undefined);
    },
  };
}
