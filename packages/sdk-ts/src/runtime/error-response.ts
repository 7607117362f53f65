import type { ErrorCode } from "../generated/types.ts";
import { ExpysApiError } from "./errors.ts";
import { redact } from "./logger.ts";

/** The API's error codes, each with the HTTP status it comes with. */
export type ErrorCodeTable = Readonly<Record<string, number>>;

/**
 * The typed error for an error answer. The body's `code` is used when it is one
 * the API documents; otherwise the code documented for the status, or
 * `"unknown"` (a proxy's page, say). `retryable` is the body's (the API always
 * says), or else follows the status: 408, 429 and 5xx may pass.
 */
export function apiErrorOf(status: number, headers: Headers, text: string, table: ErrorCodeTable, secrets: Iterable<string>): ExpysApiError {
  let body: Record<string, unknown> = {};
  try {
    body = Object(JSON.parse(text));
  } catch {
    // Not JSON: the status alone describes the error.
  }
  const string = (key: string): string | undefined => (typeof body[key] === "string" ? (body[key] as string) : undefined);
  const declared = string("code");
  const code = (declared && declared in table ? declared : (Object.keys(table).find((candidate) => table[candidate] === status) ?? "unknown")) as
    | ErrorCode
    | "unknown";
  return new ExpysApiError({
    status,
    code,
    message: redact(string("message") ?? `HTTP ${status}`, secrets),
    requestId: string("requestId") ?? headers.get("X-Request-Id") ?? undefined,
    retryable: typeof body.retryable === "boolean" ? body.retryable : status === 408 || status === 429 || status >= 500,
    param: string("param"),
    headers,
  });
}
