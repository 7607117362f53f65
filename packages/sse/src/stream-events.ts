import type { SseError } from "./errors.ts";
import { eventStreamIterable } from "./event-stream-iterable.ts";
import type { EventStream, FetchEventStreamOptions, HeadersInfo, HeadersInput } from "./fetch-event-stream.ts";
import { followRedirects } from "./follow-redirects.ts";
import { streamEventsExtension } from "./stream-events-extension.ts";

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

/** Options for {@link streamEvents}: those of {@link fetchEventStream}, and more. */
export interface StreamEventsOptions extends FetchEventStreamOptions {
  /**
   * Headers to send with each connection, or a function, awaited before each
   * connection, that returns them (so a token can be refreshed). A 401 calls the
   * function once more, with `{ unauthorized: true }`, before it is treated as
   * final. These headers are never sent to another origin after a redirect.
   */
  headers?: HeadersInput | ((info: HeadersInfo) => HeadersInput | Promise<HeadersInput>) | undefined;
  /**
   * After a resume, drop an event whose own `id` was already delivered (among
   * the last 1,000 ids, as far as they fit in 65,536 UTF-16 code units, or the
   * `lastEventId` option), as a server replaying from `Last-Event-ID` may
   * resend it. Defaults to true.
   */
  dedupe?: boolean | undefined;
  /** The fetch `credentials` mode (cookies), like EventSource's `withCredentials`. Defaults to fetch's own. */
  credentials?: RequestInit["credentials"] | undefined;
  /** Called when a connection opens (200 with `text/event-stream`). */
  onConnect?: ((info: ConnectInfo) => void) | undefined;
  /** Called when a reconnect is scheduled, before the wait. */
  onReconnect?: ((info: ReconnectInfo) => void) | undefined;
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
 * and cancels any pending reconnect at once; `restart()` reconnects at once.
 *
 * Hooks are observers: an exception thrown by one (or a promise it rejects) is
 * reported with `reportError` (or `console.error` where there is none) and
 * never changes what the stream does.
 *
 * It is {@link fetchEventStream} with its own redirect handling, replay
 * dropping, the `onConnect` and `onReconnect` hooks and `credentials`; a
 * bundle that needs none of those is smaller with `fetchEventStream`.
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
 * @throws {TypeError} at once when `url` is not a valid URL, there is no fetch,
 *   `lastEventId` has a CR, LF or NUL, or there is a `body` with GET or HEAD.
 * @throws {RangeError} at once when a numeric option is out of range.
 */
export function streamEvents(url: string | URL, options: StreamEventsOptions = {}): EventStream {
  return eventStreamIterable(url, options, followRedirects(options.credentials), streamEventsExtension);
}
