import type { ApiFacts } from "./api-facts.ts";
import { ExpysApiError } from "./errors.ts";
import type { Redact } from "./redact.ts";

/**
 * The typed error for an error answer, whose body was read as `text`. Only
 * the API's own error bodies (JSON naming a documented code) carry a
 * taxonomy code and say whether a repeat can pass; anything else (a proxy's
 * HTML page, a gateway's 502) is `"unknown"`, with `retryable` following the
 * status: 408, 429 and 5xx may pass.
 */
export function apiErrorOf({ status, headers }: Response, text: string, api: ApiFacts, redact: Redact): ExpysApiError {
  let body: Record<string, unknown> = {};
  try {
    body = Object(JSON.parse(text));
  } catch {
    // Not JSON: not the API's own error body.
  }
  // Only a documented code, which is a string, is found in the list.
  const known = api.errorCodes.includes(body.code as string);
  const string = (key: string): string | undefined => (known && typeof body[key] === "string" ? (body[key] as string) : undefined);
  return new ExpysApiError({
    status,
    code: known ? (body.code as string) : "unknown",
    message: redact(string("message") || `HTTP ${status}`),
    requestId: string("requestId") || (api.requestIdHeader && headers.get(api.requestIdHeader)) || undefined,
    // The API's error bodies say whether a repeat can pass; for any other answer the status does.
    retryable: known && typeof body.retryable === "boolean" ? body.retryable : status === 408 || status === 429 || status >= 500,
    param: string("param"),
    // A header may echo a credential back; the error never shows one.
    headers: new Headers(Array.from(headers, ([name, value]): [string, string] => [name, redact(value)])),
  });
}
