/** The base of every error the SDK throws: `instanceof ExpysError` catches them all. */
export class ExpysError extends Error {
  override name = "ExpysError";
}

/** What an error response carried. */
export interface ApiErrorDetails<Code extends string = string> {
  status: number;
  code: Code | "unknown";
  message: string;
  requestId: string | undefined;
  retryable: boolean;
  param: string | undefined;
  headers: Headers;
}

/**
 * The API answered with an error status. Branch on `code` (a closed set, typed),
 * or on `status`; `retryable` says whether repeating the same call can succeed.
 *
 * `code` is `"unknown"` when the answer is not one of the API's own error
 * bodies (a proxy's or gateway's page, say): then only `status` tells what
 * happened. Header values that echo a credential are redacted.
 */
export class ExpysApiError<Code extends string = string> extends ExpysError {
  override name = "ExpysApiError";
  /** The HTTP status. */
  declare readonly status: number;
  /** The stable reason; see the Errors page. */
  declare readonly code: Code | "unknown";
  /** The server's id for the request; quote it to support. */
  declare readonly requestId: string | undefined;
  /** Whether repeating the identical call can succeed, after `Retry-After` when there is one. */
  declare readonly retryable: boolean;
  /** The parameter or body field the error is about, when there is one. */
  declare readonly param: string | undefined;
  /** The response headers. */
  declare readonly headers: Headers;

  constructor({ message, ...details }: ApiErrorDetails<Code>) {
    super(message);
    Object.assign(this, details);
  }
}

/** The request never got an answer: the connection failed or was lost. The message names the host and the cause. */
export class ExpysConnectionError extends ExpysError {
  override name = "ExpysConnectionError";
}

/** No complete answer, body included, arrived within the call's `timeout`. */
export class ExpysTimeoutError extends ExpysError {
  override name = "ExpysTimeoutError";
}

/** The caller aborted the call; `cause` is the signal's reason. */
export class ExpysAbortError extends ExpysError {
  override name = "ExpysAbortError";
}

/** The error for a call or stream that `signal` aborted. */
export const abortedBy = (signal: AbortSignal | undefined): ExpysAbortError => new ExpysAbortError("aborted", { cause: signal?.reason });

/**
 * An argument or option the SDK refused before sending anything: an empty,
 * `.` or `..` path parameter, a header value HTTP cannot carry, a `baseUrl`
 * that is not an absolute http(s) URL. The message says what was wrong.
 */
export class ExpysArgumentError extends ExpysError {
  override name = "ExpysArgumentError";
}
