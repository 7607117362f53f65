/** The base of every error the SDK throws, so `instanceof ExpysError` catches them all. */
export class ExpysError extends Error {
  override readonly name: string = "ExpysError";
}

/** What an error response carried. */
export interface ApiErrorDetails {
  status: number;
  code: string;
  message: string;
  requestId: string | undefined;
  retryable: boolean;
  param: string | undefined;
  headers: Headers;
}

/** The API answered with an error status. */
export class ExpysApiError extends ExpysError {
  override readonly name = "ExpysApiError";
  /** The HTTP status. */
  readonly status: number;
  /** The stable reason code; branch on this, not on `message`. */
  readonly code: string;
  /** The server's id for the request; quote it to support. */
  readonly requestId: string | undefined;
  /** Whether repeating the identical request can succeed. */
  readonly retryable: boolean;
  /** The parameter or field the error is about, when there is one. */
  readonly param: string | undefined;
  /** The response headers. */
  readonly headers: Headers;

  constructor(details: ApiErrorDetails) {
    super(details.message);
    this.status = details.status;
    this.code = details.code;
    this.requestId = details.requestId;
    this.retryable = details.retryable;
    this.param = details.param;
    this.headers = details.headers;
  }
}
