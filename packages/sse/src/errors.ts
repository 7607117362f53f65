/**
 * The base class of every error this package throws, so one `instanceof`
 * check catches them all. Each subclass has its own stable `name`.
 */
export class SseError extends Error {
  override name = "SseError";
}

/** What {@link SseResponseError} knows about the response that caused it. */
export interface SseResponseErrorInit {
  /** The URL that answered (after redirects). */
  url: string;
  /** The HTTP status. */
  status: number;
  /** The HTTP status text, if the runtime reports one. */
  statusText: string;
  /** The response headers. */
  headers: Headers;
  /** The first bytes of the body, decoded as UTF-8 (see {@link SseResponseError.body}). */
  body: string;
  /** Whether the stream reconnects after this answer. */
  retryable: boolean;
  /** Overrides the default message, for answers whose status alone does not say what is wrong. */
  reason?: string | undefined;
}

/**
 * The server answered with something other than an event stream: a status
 * other than 200, or a 200 whose content type is not `text/event-stream`.
 *
 * When `retryable` is false it ends the iteration: 4xx other than 408 and 429, a
 * wrong content type, a redirect without a usable `Location`, too many
 * redirects, or a 401 that persisted after the headers were fetched again. When
 * `retryable` is true (5xx, 408, 429) it is only reported to the `onError` and
 * `onReconnect` hooks, and the stream reconnects.
 *
 * The message names the status and content type only; it never contains a
 * header value that was sent, so logging it cannot leak a token.
 */
export class SseResponseError extends SseError {
  override name = "SseResponseError";
  // The fields are declared here and set with one Object.assign below:
  // spelling out each assignment would put every name in the bundle twice.
  /** The URL that answered (after redirects). */
  declare readonly url: string;
  /** The HTTP status, for example 404. */
  declare readonly status: number;
  /** The HTTP status text, possibly empty (HTTP/2 has none). */
  declare readonly statusText: string;
  /** The `Content-Type` header as sent, or `undefined` when there was none. */
  declare readonly contentType: string | undefined;
  /** All response headers, for example `Retry-After` or a request id. */
  declare readonly headers: Headers;
  /**
   * At most the first 4 KiB of the body, decoded as UTF-8 (a character cut at
   * the limit is dropped), so a JSON error body can be parsed. Empty when the
   * body was empty or could not be read.
   */
  declare readonly body: string;
  /** Whether the stream reconnects after this answer (5xx, 408, 429). */
  declare readonly retryable: boolean;

  constructor({ reason, ...init }: SseResponseErrorInit) {
    const contentType = init.headers.get("content-type") ?? undefined;
    super(
      reason ?? `The server answered ${init.status}${init.statusText && ` ${init.statusText}`} with content type ${contentType ?? "none"}, not an event stream`,
    );
    Object.assign(this, init, { contentType });
  }
}

/** Why a connection was lost; see {@link SseConnectionError.reason}. */
export type SseConnectionLossReason = "network" | "idle-timeout" | "end-of-stream";

/**
 * A connection was lost. Usually the stream reconnects, and this is only what
 * the `onError` and `onReconnect` hooks receive as the cause. It ends the
 * iteration when `maxUnansweredAttempts` connection attempts in a row got no
 * answer at all: then it is the last attempt's, with its failure as `cause`.
 */
export class SseConnectionError extends SseError {
  override name = "SseConnectionError";
  /**
   * `"network"`: the request or the body failed (the underlying error is
   * `cause`). `"idle-timeout"`: nothing, not even a comment, arrived for
   * `idleTimeout` ms. `"end-of-stream"`: the server closed the response cleanly.
   */
  declare readonly reason: SseConnectionLossReason;

  constructor(reason: SseConnectionLossReason, message: string, options?: ErrorOptions) {
    super(message, options);
    this.reason = reason;
  }
}

/** The error for a connection lost because of `reason`, for the hooks. */
export const lost = (reason: SseConnectionLossReason, init?: ErrorOptions): SseConnectionError =>
  new SseConnectionError(reason, `Connection lost: ${reason}`, init);

/**
 * A line, or an event's data, grew beyond `maxEventSize`. The parser stops
 * rather than buffer without bound; `streamEvents` ends the iteration with it.
 */
export class SseEventTooLargeError extends SseError {
  override name = "SseEventTooLargeError";
  /** The limit that was exceeded, in UTF-16 code units of decoded text. */
  declare readonly maxEventSize: number;

  constructor(maxEventSize: number) {
    super(`An event or line is over maxEventSize (${maxEventSize})`);
    this.maxEventSize = maxEventSize;
  }
}
