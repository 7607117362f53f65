import { SseResponseError } from "./errors.ts";
import { readBodyPrefix } from "./read-body-prefix.ts";

/**
 * How the server answered one connection attempt: a 200 with
 * `text/event-stream` to read events from; an error, retryable or not, for
 * any other answer; or `undefined` for 204, the server asking the client to
 * stop (HTML §9.2.3).
 */
export type ConnectionAnswer = { response: Response; url: string } | SseResponseError | undefined;

/**
 * What a final answer (not a redirect to follow) means for the stream. `url`
 * is the URL that answered, after redirects.
 */
export function connectionAnswer(response: Response, url: string): ConnectionAnswer | Promise<SseResponseError> {
  const { status } = response;
  // Only a 200 with the `text/event-stream` type (parameters and case ignored)
  // opens the stream, and 204 ends it (HTML §9.2.3). Our documented
  // exceptions: 5xx, 408 and 429 are transient and retried.
  if (status === 200 && /^\s*text\/event-stream\s*(;|$)/i.test(response.headers.get("content-type") ?? "")) {
    return { response, url };
  }
  // A 204 has no body to release (Fetch: a null body status).
  if (status === 204) return undefined;
  return responseError(response, url, status >= 500 || status === 408 || status === 429);
}

/** The error for an answer that is not an event stream, with the start of its body. */
export async function responseError(response: Response, url: string, retryable: boolean, reason?: string): Promise<SseResponseError> {
  const { status, statusText, headers } = response;
  return new SseResponseError({ url, status, statusText, headers, body: await readBodyPrefix(response), retryable, reason });
}
