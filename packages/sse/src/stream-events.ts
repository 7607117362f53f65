import type { SseError } from "./errors.ts";
import { checkRange } from "./check-range.ts";
import { eventStreamSession } from "./event-stream-session.ts";
import { fullJitterBackoff, type BackoffOptions } from "./full-jitter-backoff.ts";
import type { ServerSentEvent } from "./server-sent-event.ts";

/**
 * What `new Headers()` accepts (a `Headers`, a record, or name/value pairs).
 * Spelled through `Headers` rather than as `HeadersInit`, which only the DOM
 * library declares, so the types also work in a Node-only TypeScript project.
 */
type HeadersInput = ConstructorParameters<typeof Headers>[0];

/** What {@link StreamEventsOptions.onConnect} receives. */
export interface ConnectInfo {
  /** The URL that answered, after redirects. */
  url: string;
  /** The response headers, for example a request id. */
  headers: Headers;
  /** The `Last-Event-ID` this connection resumed from, if any. */
  lastEventId: string | undefined;
}

/** What {@link StreamEventsOptions.onReconnect} receives. */
export interface ReconnectInfo {
  /** 1 for the first reconnect after a healthy connection, then 2, 3... */
  attempt: number;
  /** How long the stream waits before connecting again, in ms. */
  delayMs: number;
  /** Why: an {@link SseConnectionError} (network, idle timeout, end of stream) or a retryable {@link SseResponseError}. */
  cause: SseError;
}

/** What {@link StreamEventsOptions.onError} receives besides the error. */
export interface ErrorInfo {
  /** True when the stream reconnects after this error, false when it ends the iteration. */
  willReconnect: boolean;
}

/** Options for {@link streamEvents}. */
export interface StreamEventsOptions {
  /**
   * Headers to send with each connection, or a function, awaited before each
   * connection, that returns them (so a token can be refreshed). A 401 calls the
   * function once more before it is treated as final. These headers are never
   * sent to another origin after a redirect.
   */
  headers?: HeadersInput | (() => HeadersInput | Promise<HeadersInput>) | undefined;
  /** Aborting it closes the connection, cancels a pending reconnect, and rejects the iteration with `signal.reason`. */
  signal?: AbortSignal | undefined;
  /** The id to resume after: sent as `Last-Event-ID` on the first connection. */
  lastEventId?: string | undefined;
  /** The fetch to use instead of the global one. It must honour `init.signal`. */
  fetch?: ((url: string, init: RequestInit) => Promise<Response>) | undefined;
  /** Reconnect backoff: full jitter, base 500 ms, cap 10 s by default. */
  backoff?: BackoffOptions | undefined;
  /** The longest `Retry-After` (on 429 and 503) that is honoured, in ms; longer ones are clamped. Defaults to 60,000. */
  maxRetryAfterMs?: number | undefined;
  /**
   * When nothing at all, not even a comment, arrives for this many ms (from the
   * request, or from the last chunk while waiting for the next), the connection
   * is treated as dead and resumed. Off by default (and when 0); set it to a few
   * times the server's heartbeat interval.
   */
  idleTimeout?: number | undefined;
  /** The longest line, and the largest event data, in UTF-16 code units; beyond it the iteration ends with {@link SseEventTooLargeError}. Defaults to 1 MiB. */
  maxEventSize?: number | undefined;
  /**
   * After a resume, drop an event whose own `id` was already delivered (among
   * the last 1,000 ids, or the `lastEventId` option), as a server replaying
   * from `Last-Event-ID` may resend it. Defaults to true.
   */
  dedupe?: boolean | undefined;
  /** The fetch `credentials` mode (cookies), like EventSource's `withCredentials`. Defaults to fetch's own. */
  credentials?: RequestInit["credentials"] | undefined;
  /** Called when a connection opens (200 with `text/event-stream`). */
  onConnect?: ((info: ConnectInfo) => void) | undefined;
  /** Called when a reconnect is scheduled, before the wait. */
  onReconnect?: ((info: ReconnectInfo) => void) | undefined;
  /** Called for each failure: a lost connection or a retryable answer (`willReconnect: true`), and the error that ends the iteration. */
  onError?: ((error: unknown, info: ErrorInfo) => void) | undefined;
}

/**
 * Streams the Server-Sent Events at `url` as one continuous sequence, across
 * however many connections it takes.
 *
 * Nothing is requested until iteration starts; each iteration of the returned
 * iterable is its own stream. Disconnects, stalls (with `idleTimeout`), clean
 * ends of stream, 5xx, 408 and 429 reconnect with full-jitter backoff, resuming
 * from the last event id. The iteration ends normally when the server answers
 * 204, and with an {@link SseResponseError} on other answers that are not an
 * event stream. `break`, `return` or aborting `signal` closes the connection
 * and cancels any pending reconnect at once.
 *
 * Hooks are observers: an exception thrown by one (or a promise it rejects) is
 * reported with `reportError` (or `console.error` where there is none) and
 * never changes what the stream does.
 *
 * @example
 * ```ts
 * for await (const event of streamEvents("https://api.example.com/stream", {
 *   headers: async () => ({ Authorization: `Bearer ${await getToken()}` }),
 * })) {
 *   console.log(event.event, event.id, JSON.parse(event.data));
 * }
 * ```
 *
 * @throws {TypeError} at once when `url` is not a valid URL, or there is no fetch.
 * @throws {RangeError} at once when a numeric option is out of range.
 */
export function streamEvents(url: string | URL, options: StreamEventsOptions = {}): AsyncIterable<ServerSentEvent> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    try {
      // A relative URL in a page resolves against the page, as EventSource does.
      // Without a page, `location` is missing (Node) or throws (Deno without --location).
      target = new URL(url, location.href);
    } catch {
      throw new TypeError(`Not an absolute URL: ${url}`);
    }
  }
  for (const name of ["idleTimeout", "maxEventSize", "maxRetryAfterMs"] as const) {
    // A maxEventSize of 0 would fail on the first line of any stream.
    checkRange(name, options[name], name === "maxEventSize");
  }
  // Checks backoff.baseMs and backoff.capMs as every reconnect will (a random
  // source of our own, so the caller's sees no extra draw).
  fullJitterBackoff(0, { ...options.backoff, random: Math.random });
  if (typeof (options.fetch ?? globalThis.fetch) !== "function") {
    throw new TypeError("No fetch in this runtime: pass the fetch option");
  }
  return { [Symbol.asyncIterator]: () => eventStreamSession(target, options) };
}
