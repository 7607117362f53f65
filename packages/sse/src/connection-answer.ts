import { SseResponseError } from "./errors.ts";
import { parseRetryAfter } from "./parse-retry-after.ts";
import { readBodyPrefix } from "./read-body-prefix.ts";
import type { ConnectAnswer, Refusal } from "./stream-events-from.ts";

/**
 * Whether `response` is an event stream to read: a 200 whose content type is
 * `text/event-stream`, parameters and case ignored (HTML §9.2.3: any other
 * status or type fails the connection). Decode its body as UTF-8 whatever
 * its `charset` says.
 *
 * @example
 * ```ts
 * if (isEventStream(response)) return response;
 * ```
 */
export function isEventStream(response: Response): boolean {
  return response.status === 200 && /^\s*text\/event-stream\s*(;|$)/i.test(response.headers.get("content-type") ?? "");
}

/**
 * What a final answer (not a redirect to follow) means for `fetchEventStream`
 * and `streamEvents`: the stream, `undefined` for a 204 (the server asks the
 * client to stop), or the {@link SseResponseError} of any other answer,
 * retried when it is 5xx, 408 or 429 (our documented exceptions). `url` is
 * the URL that answered, after redirects.
 */
export function connectionAnswer(response: Response, url: string): ConnectAnswer | Promise<Refusal> {
  const { status } = response;
  // A 204 has no body to release (Fetch: a null body status).
  return isEventStream(response) ? response : status === 204 ? undefined : refusal(response, url, status >= 500 || status === 408 || status === 429);
}

/**
 * The refusal for an answer that is not an event stream: its error, with the
 * start of its body, and on 429 and 503 the least wait `Retry-After` asks for.
 */
export async function refusal(response: Response, url: string, retryable: boolean, reason?: string): Promise<Refusal> {
  const { status, statusText, headers } = response;
  return {
    error: new SseResponseError({ url, status, statusText, headers, body: await readBodyPrefix(response), retryable, reason }),
    retry: retryable,
    // The session clamps it to maxRetryAfterMs.
    retryAfterMs: status === 429 || status === 503 ? parseRetryAfter(headers.get("retry-after"), { capMs: Infinity }) : undefined,
  };
}
