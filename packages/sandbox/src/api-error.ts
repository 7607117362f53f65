import type { ErrorCodeSpec } from "./api-description.ts";
import type { ApiErrorBody, ErrorCode } from "./api-types.ts";
import { api } from "./generated/api.ts";
import type { JsonReply } from "./reply.ts";

/** Status and retryability of every code, read from the spec rather than restated. */
export const errorCodes: ReadonlyMap<ErrorCode, Omit<ErrorCodeSpec, "code">> = new Map(
  api.errorCodes.map(({ code, status, retryable }) => [code, { status, retryable }]),
);

/** What an `ApiError` may add to its code and message. */
export interface ApiErrorDetails {
  /** The wire name of the parameter or body field the error is about. */
  param?: string | undefined;
  /** Seconds for the `Retry-After` header. */
  retryAfter?: number | undefined;
  /** Extra response headers, such as `Allow` on a 405. */
  headers?: Record<string, string> | undefined;
}

/**
 * A failure with a code of the API's taxonomy. Thrown anywhere while handling a
 * request and turned into the error response by the request pipeline; the
 * status and `retryable` always come from the code's row in the table.
 */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly details: ApiErrorDetails;

  constructor(code: ErrorCode, message: string, details: ApiErrorDetails = {}) {
    super(message);
    this.name = "ApiError";
    this.code = code;
    this.details = details;
  }

  /** The HTTP status of this error's code. */
  get status(): number {
    return errorCodes.get(this.code)?.status ?? 500;
  }

  /** The error response for the request `requestId`. */
  toReply(requestId: string): JsonReply {
    const body: ApiErrorBody = {
      code: this.code,
      message: this.message,
      requestId,
      retryable: errorCodes.get(this.code)?.retryable ?? false,
    };
    if (this.details.param !== undefined) body.param = this.details.param;
    const headers: Record<string, string> = { ...this.details.headers };
    if (this.details.retryAfter !== undefined) headers["Retry-After"] = String(this.details.retryAfter);
    return { status: this.status, body, headers };
  }
}
