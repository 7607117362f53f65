import { eventStreamIterable } from "./event-stream-iterable.ts";
import { openConnection } from "./open-connection.ts";
import type { ServerSentEvent } from "./server-sent-event.ts";
import type { StreamEventsFromOptions } from "./stream-events-from.ts";

/**
 * What `new Headers()` accepts (a `Headers`, a record, or name/value pairs).
 * Spelled through `Headers` rather than as `HeadersInit`, which only the DOM
 * library declares, so the types also work in a Node-only TypeScript project.
 */
export type HeadersInput = ConstructorParameters<typeof Headers>[0];

/** What a `headers` function receives: why it is called. */
export interface HeadersInfo {
  /**
   * True only on the extra call made after the server answered 401 to the
   * headers this function returned last: the token was refused, so return a
   * fresh one rather than a cached one. False before every other connection.
   */
  unauthorized: boolean;
}

/** What {@link fetchEventStream} and {@link streamEvents} return: the events, and a way to reconnect on demand. */
export interface EventStream extends AsyncIterable<ServerSentEvent> {
  /**
   * Drops the current connection and reconnects at once, with `Last-Event-ID`
   * and freshly fetched headers (an app that regained the network, or rotated
   * a credential, wants this). The iteration goes on as one sequence: no error
   * reaches the consumer or `onError`, the backoff does not grow, and the
   * events already received are still delivered (an event cut off mid-way
   * arrives whole from the resumed connection, if the server resends it).
   * During the wait before a reconnect, it ends the wait; a request not yet
   * answered is given up at once, even with a `fetch` that ignores its
   * signal. It applies to the iteration in progress (the latest one, if the
   * stream is iterated more than once); before iteration starts and after it
   * ends it does nothing.
   */
  restart(): void;
}

/**
 * A request body: text (sent as UTF-8) or bytes. Only these, as they can be
 * sent again, unchanged, on every reconnect.
 */
export type RequestBody = string | Uint8Array;

/**
 * Options for {@link fetchEventStream}: those of {@link streamEventsFrom},
 * and the request; {@link StreamEventsOptions} adds to them.
 */
export interface FetchEventStreamOptions extends StreamEventsFromOptions {
  /**
   * Headers to send with each connection, or a function, awaited before each
   * connection, that returns them (so a token can be refreshed). A 401 calls the
   * function once more, with `{ unauthorized: true }`, before it is treated as
   * final. Fetch follows redirects with these headers: it drops `Authorization`
   * on a cross-origin redirect, and sends every other one on.
   */
  headers?: HeadersInput | ((info: HeadersInfo) => HeadersInput | Promise<HeadersInput>) | undefined;
  /** The request method. Defaults to `GET`. */
  method?: string | undefined;
  /**
   * The request body (with a `method` other than GET or HEAD), or a function,
   * awaited before each connection, that returns it. The same body goes with
   * every reconnect, beside `Last-Event-ID`. Set `Content-Type` in `headers`.
   */
  body?: RequestBody | (() => RequestBody | Promise<RequestBody>) | undefined;
  /**
   * Called with the text of each comment line (after the colon and one
   * optional space), in stream order: after every event before it in the
   * stream has been yielded, before any event after it.
   */
  onComment?: ((comment: string) => void) | undefined;
}

/**
 * {@link streamEvents} without the parts a bundle often does not need, so that
 * an app importing only this function leaves them out: the same stream of
 * events, reconnects, answers, errors, hooks for comments and errors, and
 * cancellation, with fetch's own redirect handling and no replay dropping or
 * connect and reconnect hooks.
 *
 * What it leaves out, and when that is safe:
 *
 * - **Redirects are followed by fetch** (`redirect: "follow"`), not by the
 *   client. Fetch drops `Authorization` when a redirect leaves the origin (Fetch
 *   §4.4 "HTTP-redirect fetch"), but sends every other header on. Safe when
 *   `Authorization` is the only secret header, or there is no credential at all.
 *   A redirect fetch refuses (a loop, an empty or bad `Location`) is a network
 *   error: `onError` hears of each, and after `maxUnansweredAttempts` of them
 *   in a row the iteration ends with {@link SseConnectionError}.
 * - **No replay dropping** (`streamEvents`' `dedupe`): every event the server
 *   sends is delivered. Safe with a server that resumes after `Last-Event-ID`
 *   without resending events already delivered, as the Expys API does.
 * - **No `onConnect` and `onReconnect` hooks** and no `credentials` option
 *   (fetch's default mode applies). A token is refreshed after a 401 through
 *   the `headers` function's `{ unauthorized }` argument; `onError` hears of
 *   every failure.
 *
 * Everything else is `streamEvents`' own code: WHATWG parsing and
 * `maxEventSize`; `method` and `body`; `onComment` and `onError`; `restart()`;
 * reconnects with `Last-Event-ID` (non-ASCII ids as UTF-8 bytes) after network
 * errors, clean ends of stream and stalls (`idleTimeout`), with the same
 * full-jitter backoff, after at least the server's `retry:` time and, on 429
 * and 503, `Retry-After` (both capped at `maxRetryAfterMs`); 204 ends the
 * iteration normally; other answers that are not an event stream end it with
 * {@link SseResponseError}; `break`, `return` or aborting `signal` closes the
 * connection and cancels any pending reconnect at once, leaving no socket,
 * timer or listener.
 *
 * @example
 * ```ts
 * for await (const event of fetchEventStream("https://api.example.com/stream", {
 *   headers: async ({ unauthorized }) => ({ Authorization: `Bearer ${await getToken({ refresh: unauthorized })}` }),
 * })) {
 *   console.log(event.event, event.id, JSON.parse(event.data));
 * }
 * ```
 *
 * @throws {TypeError} at once when `url` is not a valid URL, there is no fetch,
 *   `lastEventId` has a CR, LF or NUL, or there is a `body` with GET or HEAD.
 * @throws {RangeError} at once when a numeric option is out of range.
 */
export function fetchEventStream(url: string | URL, options: FetchEventStreamOptions = {}): EventStream {
  return eventStreamIterable(url, options, openConnection);
}
