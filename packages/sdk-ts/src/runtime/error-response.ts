import type { ErrorCode } from "../generated/types.ts";
import { ExpysApiError } from "./errors.ts";
import { redact } from "./logger.ts";

/** The API's error codes: each one's status and whether retrying can help (`[status, retryable]`). */
export type ErrorCodeTable = Readonly<Record<string, readonly [status: number, retryable: boolean]>>;

/**
 * The typed error for an error answer. The body's `code` is used when it is one
 * the API documents; otherwise the code documented for the status, or
 * `"unknown"` (a proxy's page, say). `retryable` likewise falls back to the
 * table, then to the status.
 */
export function apiErrorOf(
  status: number,
  headers: Headers,
  text: string,
  table: ErrorCodeTable,
  secrets: readonly string[],
): ExpysApiError {
  let body: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === "object") body = parsed as Record<string, unknown>;
  } catch {
    // Not JSON: the status alone describes the error.
  }
  const declared = typeof body.code === "string" && body.code in table ? body.code : undefined;
  const code = (declared ?? Object.keys(table).find((candidate) => table[candidate]?.[0] === status) ?? "unknown") as ErrorCode | "unknown";
  const retryable = typeof body.retryable === "boolean" ? body.retryable : (table[code]?.[1] ?? (status === 408 || status === 429 || status >= 500));
  const message = typeof body.message === "string" ? body.message : `HTTP ${status}`;
  return new ExpysApiError({
    status,
    code,
    message: redact(message, secrets),
    requestId: (typeof body.requestId === "string" ? body.requestId : undefined) ?? headers.get("X-Request-Id") ?? undefined,
    retryable,
    param: typeof body.param === "string" ? body.param : undefined,
    headers,
  });
}
