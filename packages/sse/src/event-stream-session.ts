import { lost, type SseError } from "./errors.ts";
import type { FetchEventStreamOptions } from "./fetch-event-stream.ts";
import { fullJitterDelay } from "./full-jitter-backoff.ts";
import { cancel, noop } from "./ignore.ts";
import { notify } from "./notify.ts";
import { parseEventStream } from "./parse-event-stream.ts";
import { eventStreamHeaders } from "./request-headers.ts";
import type { ServerSentEvent } from "./server-sent-event.ts";
import type { Connect, ConnectAnswer, Refusal, StreamEventsFromOptions } from "./stream-events-from.ts";

/** setTimeout fires at once for longer delays; a longer wait is cut to this. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** What a session reads of its options: those of `streamEventsFrom`, and `onComment` when `fetchEventStream` passes one. */
export type SessionOptions = StreamEventsFromOptions & Pick<FetchEventStreamOptions, "onComment">;

/**
 * What `streamEvents` adds to a session (see `streamEventsExtension`); the
 * rest of what it adds happens as it connects (see `fetchConnect`). The
 * session checks after the hook whether it was closed meanwhile, so the hook
 * may abort the stream.
 */
export interface SessionExtension {
  /** Decides for each event whether to deliver it; every event is delivered without it. */
  accepts: EventFilter | undefined;
  /** A reconnect is scheduled, after a connection ended because of `cause` (`undefined`: a clean end of stream); the wait has begun. */
  reconnecting(attempt: number, delayMs: number, cause: SseError | undefined): void;
}

/** Whether to deliver an event, given the id field of its own block (`undefined` when it had none). */
export type EventFilter = (ownId: string | undefined) => boolean;

/** One iteration's iterator, and `restart`, which `fetchEventStream` and `streamEvents` offer their callers. */
export interface EventStreamSession extends AsyncIterator<ServerSentEvent, undefined> {
  /** Drops the connection and reconnects at once, as if it had just been opened; see `EventStream.restart`. */
  restart(): void;
}

/**
 * The next read of a body, started before the events of the chunk just read
 * are handed out. A fetch body drops what it holds unread when its connection
 * fails (Node's and Bun's do, and the streams spec empties an errored stream's
 * queue), so reading only while the consumer waits would lose the events that
 * arrived while it was busy: a server that cuts each connection soon after its
 * first bytes would then never get the stream past them. One read ahead, and
 * no more: its chunk waits until the consumer has taken the events before it,
 * so a slow consumer still holds back the socket. Its failure is seen when it
 * is awaited.
 */
function readAhead<T>(reader: ReadableStreamDefaultReader<T>): Promise<ReadableStreamReadResult<T>> {
  const read = reader.read();
  read.catch(noop);
  return read;
}

/** A fetch that ignores its signal may still answer after we gave up on it: release that answer. */
function discardAnswer(answer: ConnectAnswer): void {
  // Only a Response has a body; a refusal, an error or a 204 has nothing to release.
  cancel((answer as Partial<Response> | undefined)?.body);
}

/**
 * One iteration of a stream: connects (with `connect`), reads, reconnects and
 * tears down, with `extension`'s additions. It is pull-driven: it reads one
 * chunk ahead of the consumer (see `readAhead`) and no more, so a slow
 * consumer applies backpressure to the socket instead of filling a queue.
 *
 * The connection loop is an async generator, which runs one request at a time
 * in order; what a chunk holds waits in `queue` (events, and comments as
 * strings when there is an `onComment`), and `next()` hands the events out
 * with an already resolved promise while no request waits for the generator,
 * calling `onComment` for the comments it passes, so that every hook sees the
 * stream's order. `return()` and an abort tear everything down at once: they
 * abort the connection, which ends whatever the generator awaits, and the
 * generator then finds the session closed (see `stopped`) and ends.
 *
 * `connect` rejecting with an error of the `fetch` it was given means no
 * answer (the connection is retried, within `maxUnansweredAttempts`); any
 * other rejection (a headers function's, an invalid header value) ends the
 * iteration.
 *
 * The state lives in this closure rather than in class fields, whose names
 * would survive minification.
 */
export function eventStreamSession(connect: Connect, options: SessionOptions, extension?: SessionExtension): EventStreamSession {
  const { signal, onComment, onError } = options;
  const maxUnanswered = options.maxUnansweredAttempts ?? 10;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 60_000;
  // Called as a plain function: a browser's fetch throws "Illegal invocation"
  // when called as a method of anything but the global object.
  const fetch = options.fetch ?? globalThis.fetch;
  const accepts = extension?.accepts;
  /** What the last chunk held, handed out from `head` on; emptied once all of it is. */
  let queue: (ServerSentEvent | string)[] = [];
  let head = 0;
  let closed = false;
  let connection: AbortController | undefined;
  /** Consecutive reconnects since the last connection that delivered an event. */
  let failures = 0;
  /** The spec's reconnection time, set by `retry` fields (HTML §9.2.6); the least wait before a reconnect. */
  let reconnectionTime = 0;
  let idle = false;
  /** restart() dropped the connection: reconnect at once, with no failure to report. */
  let restarting = false;
  /** Requests waiting for the generator; while there are any, later ones queue behind them. */
  let waiting = 0;
  /**
   * The timer of the generator's wait in progress, which abortConnection()
   * clears: the idle watchdog's on a wait for the network (see `watch`), or
   * the end of the wait before a reconnect.
   */
  let timer: ReturnType<typeof setTimeout> | undefined;
  /**
   * Ends the generator's wait in progress: rejects the wait for an answer or
   * for the next chunk (see `interruptible`), cuts short the wait before a
   * reconnect; a no-op once it settled. The generator waits for one thing at
   * a time, so one `interrupt` serves them all.
   */
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
    // Capped at maxRetryAfterMs when it is used, with Retry-After.
    onRetry: (milliseconds) => {
      reconnectionTime = milliseconds;
    },
    onComment: onComment && ((comment) => void queue.push(comment)),
  });

  /** The next queued event, after calling onComment for the comments before it. */
  const take = (): ServerSentEvent | undefined => {
    while (head < queue.length) {
      const item = queue[head++]!;
      if (typeof item !== "string") return item;
      notify(onComment, item);
    }
    queue = [];
    head = 0;
    return undefined;
  };

  /** Aborts the connection, and with it the wait in progress and its timer. */
  const abortConnection = (): void => {
    connection?.abort();
    clearTimeout(timer);
    interrupt(connection?.signal.reason);
  };

  /**
   * The idle watchdog (`idleTimeout`): `watch` times a wait for an answer (a
   * request of `connect`, or what it reads of an error answer) or for the
   * next chunk, and ends the connection when it lasts `idleTimeout` ms. Only
   * waits are timed: time the consumer spends on an event never counts, as a
   * slow consumer is not a dead connection. A timer per wait is far cheaper
   * than the chunk's own network and parsing work.
   */
  const watch = <T>(wait: Promise<T>): Promise<T> => {
    if (!options.idleTimeout) return wait;
    // Its own timer: a wait that settles late (a fetch that ignores its
    // signal) must not clear the timer of a wait that came after it.
    // biome-ignore lint/suspicious/noAssignInExpressions: the timer is this wait's and the session's current one.
    const idleTimer = (timer = setTimeout(() => {
      idle = true;
      abortConnection();
    }, options.idleTimeout));
    return wait.finally(() => clearTimeout(idleTimer));
  };

  /**
   * Releases everything at once: the connection and any wait, the timers, the
   * signal listener, and the events not handed out yet (the abort reason is
   * thrown ahead of them). Idempotent.
   */
  const close = (): void => {
    closed = true;
    head = queue.length;
    signal?.removeEventListener("abort", close);
    abortConnection();
  };

  /**
   * Whether the session was closed while the generator waited: then it must
   * stop, rejecting with the abort reason once the signal aborted (which
   * closes the session). The signal keeps that reason, so the session need not.
   */
  const stopped = (): boolean => {
    if (signal?.aborted) throw signal.reason;
    return closed;
  };

  /**
   * What `start()` begins, or a rejection as soon as the wait is interrupted,
   * whichever comes first: cancellation must not depend on a custom fetch or
   * a headers function honouring the signal, as a request or a read that
   * never settles would otherwise hold the stream (and the consumer's loop)
   * forever. The wait stays subscribed, so its late rejection is never
   * reported as unhandled.
   */
  const interruptible = <T>(start: () => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      interrupt = reject;
      start().then(resolve, reject);
    });

  /** A connection lost to `error`, as a refusal that reconnects. */
  const lostConnection = (error: unknown): Refusal => ({ error: lost(idle ? "idle-timeout" : "network", { cause: error }), retry: true });

  async function* run(): AsyncGenerator<ServerSentEvent, undefined, undefined> {
    /** How many more connection attempts in a row may get no answer at all. */
    let unanswered = maxUnanswered;
    try {
      for (;;) {
        // The signal may have aborted before the first request, or the session closed during the wait before a reconnect.
        if (stopped()) return;
        restarting = idle = false;
        // Each connection has its own controller, which close() and restart() abort.
        // biome-ignore lint/suspicious/noAssignInExpressions: the shortest spelling in the bundle.
        const abort = (connection = new AbortController()).signal;
        const lastEventId = parser.lastEventId();
        let pending: Promise<ConnectAnswer> | undefined;
        /** The connection's fetch rejected: the request got no answer. */
        let noAnswer = false;
        /** The answer; a lost connection (no answer, or a body that broke) becomes a refusal that reconnects, with the error the hooks see. */
        let answer: ConnectAnswer;
        try {
          // `interrupt` is set before `connect` runs, so an abort made from
          // inside it (by a headers function, say) interrupts this very wait.
          // `pending` is kept so that a late answer is released.
          answer = await interruptible(
            () =>
              (pending = connect({
                fetch: (href, init) =>
                  watch(fetch(href, { ...init, signal: abort })).catch((error: unknown) => {
                    noAnswer = true;
                    throw error;
                  }),
                watch,
                headers: eventStreamHeaders(lastEventId),
                lastEventId,
              })),
          );
          unanswered = maxUnanswered;
        } catch (error) {
          pending?.then(discardAnswer, noop);
          // An error of connect's own (its headers, its credentials) ends the
          // stream; only a request that got no answer is worth another try.
          if (!(idle || restarting || noAnswer)) throw error;
          answer = lostConnection(error);
          // Failure after failure before any answer is not a flaky connection
          // but an unreachable server, a refused redirect or a dead proxy: end
          // the iteration with this one. (From 0, the count never reaches 0 again.)
          if (!restarting && !--unanswered) throw answer.error;
        }
        // The session closed while it waited, or a 204: the server asks the client to stop.
        if (stopped() || !answer) {
          discardAnswer(answer);
          return;
        }
        if ("error" in answer) {
          if (!answer.retry) throw answer.error;
        } else {
          // A fresh parse per connection (HTML §9.2.5), keeping the last event id.
          parser.reset();
          const reader = answer.body?.getReader();
          /** The read ahead of the consumer (see `readAhead`). */
          let next = reader?.read();
          try {
            while (next) {
              let result: ReadableStreamReadResult<Uint8Array>;
              try {
                result = await interruptible(() => watch(next!));
              } catch (error) {
                answer = lostConnection(error);
                break;
              }
              // A session closed meanwhile ends below, as after a read that failed.
              if (stopped() || result.done) break;
              next = readAhead(reader!);
              parser.feed(result.value);
              // biome-ignore lint/suspicious/noAssignInExpressions: take and test in one step.
              for (let event: ServerSentEvent | undefined; (event = take()); ) {
                yield event;
                if (stopped()) return;
              }
            }
          } finally {
            cancel(reader);
          }
        }
        abortConnection();
        // A session closed while it read (break, return, abort) did not lose its connection.
        if (stopped()) return;
        if (restarting) continue;
        // A stream that ended cleanly (a Response) has no error: a reason to reconnect, but not an error.
        const { error: cause, retry, retryAfterMs = 0 } = answer as Partial<Refusal>;
        const attempt = ++failures;
        // Reconnect after at least the server's reconnection time or
        // Retry-After, plus full-jitter backoff; a 401 refresh at once. A
        // server must not park the client for days (`retry: 2000000000` is 23
        // of them), hence the cap.
        const delayMs =
          retry === "now"
            ? 0
            : Math.min(MAX_TIMER_MS, Math.min(Math.max(retryAfterMs, reconnectionTime), maxRetryAfterMs) + fullJitterDelay(attempt - 1, options.backoff));
        // The wait starts before the hooks hear of it, so that an abort or a
        // restart made from one ends it. Interrupted (by close() or restart()),
        // it ends as if it were over, and the loop then finds out why.
        const waiting = new Promise<unknown>((resolve) => {
          interrupt = resolve;
          timer = setTimeout(resolve, delayMs);
        });
        if (cause) notify(onError, cause, { willReconnect: true, failures: attempt });
        extension?.reconnecting(attempt, delayMs, cause as SseError | undefined);
        await waiting;
      }
    } catch (error) {
      // A teardown ends the iteration quietly, or with the abort reason.
      if (stopped()) return;
      // The parser's SseEventTooLargeError, a headers or body function's error,
      // an answer that is not an event stream, no answer for too long, or a
      // bug: the events before it are still delivered (unless an abort or a
      // return() closes the session meanwhile), then the iteration ends with it.
      abortConnection();
      notify(onError, error, { willReconnect: false, failures: failures + 1 });
      // biome-ignore lint/suspicious/noAssignInExpressions: take and test in one step.
      for (let event: ServerSentEvent | undefined; (event = take()); ) yield event;
      throw error;
    } finally {
      close();
    }
  }

  const generator = run();
  if (signal?.aborted) close();
  else signal?.addEventListener("abort", close);

  return {
    next() {
      const event = waiting ? undefined : take();
      if (event) return Promise.resolve({ done: false, value: event });
      waiting++;
      return generator.next().finally(() => waiting--);
    },
    return() {
      close();
      return generator.return(undefined);
    },
    restart() {
      restarting = true;
      abortConnection();
    },
  };
}
