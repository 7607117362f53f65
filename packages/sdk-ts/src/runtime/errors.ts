import type { ErrorCode } from "../generated/types.ts";

/** The base of every error the SDK throws: `instanceof ExpysError` catches them all. */
export class ExpysError extends Error {
  override name = "ExpysError";
}

/** What an error response carried. */
export interface ApiErrorDetails {
  status: number;
  code: ErrorCode | "unknown";
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
 * `code` is `"unknown"` only when the answer did not come from the API's error
 * taxonomy and its status maps to no code (a proxy's 502 page, say).
 */
export class ExpysApiError extends ExpysError {
  override name = "ExpysApiError";
  /** The HTTP status. */
  declare readonly status: number;
  /** The stable reason; see the Errors page. */
  declare readonly code: ErrorCode | "unknown";
  /** The server's id for the request (`X-Request-Id`); quote it to support. */
  declare readonly requestId: string | undefined;
  /** Whether repeating the identical call can succeed, after `Retry-After` when there is one. */
  declare readonly retryable: boolean;
  /** The parameter or body field the error is about (`invalid_request`), when there is one. */
  declare readonly param: string | undefined;
  /** The response headers. */
  declare readonly headers: Headers;

  constructor({ message, ...details }: ApiErrorDetails) {
    super(message);
    Object.assign(this, details);
  }
}

/** The request never got an answer: the connection failed or was lost. `cause` has the runtime's error. */
export class ExpysConnectionError extends ExpysError {
  override name = "ExpysConnectionError";
}

/** No answer arrived within the call's `timeout`. */
export class ExpysTimeoutError extends ExpysError {
  override name = "ExpysTimeoutError";
}

/** The caller aborted the call; `cause` is the signal's reason. */
export class ExpysAbortError extends ExpysError {
  override name = "ExpysAbortError";
}
