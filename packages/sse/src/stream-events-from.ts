import { eventStreamSession } from "./event-stream-session.ts";
import type { BackoffOptions } from "./full-jitter-backoff.ts";
import type { ServerSentEvent } from "./server-sent-event.ts";

/** What {@link Connect} is given to open one connection. */
export interface Connection {
  /**
   * The `fetch` to make the request with: the `fetch` option (or the global
   * one) with this connection's `signal`, which the stream aborts when it
   * closes or stalls, and the idle watchdog on the wait for the answer. Let
   * its rejections (no answer: refused, reset, DNS, TLS, a stall) out of
   * `connect` as they are: they are reconnected, and any other error ends
   * the stream.
   */
  fetch: (url: string, init: RequestInit) => Promise<Response>;
  /**
   * Times another wait of `connect` with the idle watchdog, as `fetch` times
   * the wait for an answer: reading an error answer's body, say, so that one
   * that stalls ends the attempt (as no answer) instead of holding it.
   */
  watch: <T>(wait: Promise<T>) => Promise<T>;
  /**
   * What every request of an event stream sends, to add to your headers
   * (they replace yours of the same names): `accept: text/event-stream`,
   * `cache-control: no-cache`, and `last-event-id` when a last event id is in
   * force, as its UTF-8 bytes (see the README on non-ASCII ids).
   */
  headers: Record<string, string>;
  /** The last event id in force, which this connection resumes from; `undefined` when none. */
  lastEventId: string | undefined;
}

/**
 * What {@link Connect} resolves to when the server answered with something
 * other than an event stream.
 */
export interface Refusal {
  /**
   * What the answer means, in your terms (an API error, say): passed to
   * `onError`, and what the iteration ends with when it does not reconnect.
   */
  error: unknown;
  /**
   * Whether to reconnect: `true` after the backoff (and at least
   * `retryAfterMs`), `"now"` at once (with fresh credentials, say).
   * Without it, the iteration ends with `error`.
   */
  retry?: boolean | "now" | undefined;
  /** With `retry: true`, the least wait in ms (a `Retry-After`); capped at `maxRetryAfterMs`. */
  retryAfterMs?: number | undefined;
}

/**
 * What {@link Connect} resolves to: the `Response` whose body is the event
 * stream (a 200 with `text/event-stream`: check with `isEventStream`), a
 * {@link Refusal} for any other answer, or `undefined` when the server asks
 * the client to stop (a 204).
 */
export type ConnectAnswer = Response | Refusal | undefined;

/**
 * Opens one connection of a stream: sends the request with `connection.fetch`
 * and `connection.headers` among its own, and says what the answer is.
 */
export type Connect = (connection: Connection) => Promise<ConnectAnswer>;

/** Options for {@link streamEventsFrom}; {@link FetchEventStreamOptions} adds to them. */
export interface StreamEventsFromOptions {
  /** Aborting it closes the connection, cancels a pending reconnect, and rejects the iteration with `signal.reason`. */
  signal?: AbortSignal | undefined;
  /** The id to resume after: sent as `Last-Event-ID` on the first connection. */
  lastEventId?: string | undefined;
  /** The fetch to use instead of the global one. It must honour `init.signal`. */
  fetch?: ((url: string, init: RequestInit) => Promise<Response>) | undefined;
  /** Reconnect backoff: full jitter, base 500 ms, cap 10 s by default. */
  backoff?: BackoffOptions | undefined;
  /**
   * The longest wait a server can ask for, in ms: by `Retry-After` (on 429 and
   * 503) or by a `retry:` field. Longer ones are clamped to it. Defaults to 60,000.
   */
  maxRetryAfterMs?: number | undefined;
  /**
   * When nothing at all, not even a comment, arrives for this many ms (from the
   * request, or from the last chunk while waiting for the next), the connection
   * is treated as dead and resumed. Off by default (and when 0); set it to a few
   * times the server's heartbeat interval.
   */
  idleTimeout?: number | undefined;
  /**
   * The longest line, and the largest event data, in UTF-16 code units; beyond
   * it the iteration ends with {@link SseEventTooLargeError}. Defaults to 1 MiB,
   * a safety bound: raise it for larger events, and memory stays within a small
   * multiple of it.
   */
  maxEventSize?: number | undefined;
  /**
   * After this many connection attempts in a row that got no HTTP answer at all
   * (refused, reset before the status line, a DNS or TLS failure, no headers
   * within `idleTimeout`), the iteration ends with {@link SseConnectionError}.
   * Any answer resets the count. Defaults to 10; 0 retries forever.
   */
  maxUnansweredAttempts?: number | undefined;
  /**
   * Called for each failure: a lost connection or a retryable answer
   * (`willReconnect: true`), and the error that ends the iteration
   * (`willReconnect: false`). A clean end of stream and an abort are not failures.
   */
  onError?: ((error: unknown, info: ErrorInfo) => void) | undefined;
}

/** What an `onError` hook receives besides the error. */
export interface ErrorInfo {
  /** True when the stream reconnects after this error, false when it ends the iteration. */
  willReconnect: boolean;
  /**
   * How many connections in a row have failed, this one included, since the
   * last one that delivered an event: with `willReconnect`, the reconnect
   * attempt that follows (as `onReconnect`'s `attempt` counts them).
   */
  failures: number;
}

/**
 * The event stream of the connections `connect` opens, for a caller with its
 * own requests (an SDK with its own headers, credentials and errors): the
 * parsing, `Last-Event-ID`, the server's `retry:`, reconnects with
 * full-jitter backoff, the idle watchdog, giving up on a server that never
 * answers, `onError` and cancellation are this package's; the request and
 * what its answers mean are the caller's.
 *
 * Each iteration is its own stream, and calls `connect` for every
 * connection. A `connect` that rejects with an error of `connection.fetch`
 * (no answer) is reconnected after backoff, until `maxUnansweredAttempts` in
 * a row end the iteration with {@link SseConnectionError}; any other
 * rejection ends it with that error.
 *
 * It leaves out what {@link fetchEventStream} adds for its own requests
 * (`headers`, `method`, `body`, `onComment`, `restart()`) and the checks of
 * its arguments: it is for code that passes settings of its own, and takes
 * them as they are (each means what it means for `fetchEventStream`). So a
 * bundle that uses only this entry carries none of that.
 *
 * @example
 * ```ts
 * for await (const event of streamEventsFrom(async ({ fetch, headers }) => {
 *   const response = await fetch(url, { headers: { ...headers, authorization: `Bearer ${await token()}` } });
 *   if (isEventStream(response)) return response;
 *   if (response.status === 204) return undefined;
 *   return { error: new ApiError(response.status, await readBodyPrefix(response)), retry: response.status >= 500 };
 * })) {
 *   console.log(event.event, event.id, JSON.parse(event.data));
 * }
 * ```
 */
export function streamEventsFrom(connect: Connect, options: StreamEventsFromOptions = {}): AsyncIterable<ServerSentEvent> {
  return { [Symbol.asyncIterator]: () => eventStreamSession(connect, options) };
}
