import { SseResponseError } from "./errors.ts";
import type { IdleWatchdog } from "./idle-watchdog.ts";
import { cancel } from "./ignore.ts";
import { lastEventIdHeaderValue } from "./last-event-id-header.ts";
import { readBodyPrefix } from "./read-body-prefix.ts";
import type { StreamEventsOptions } from "./stream-events.ts";

/**
 * How the server answered one connection attempt: a 200 with
 * `text/event-stream` to read events from; an error, retryable or not, for
 * any other answer; or `undefined` for 204, the server asking the client to
 * stop (HTML §9.2.3).
 */
export type ConnectionAnswer = { response: Response; url: string } | SseResponseError | undefined;

/** Fetch's own limit (Fetch §4.4 "HTTP-redirect fetch", step 5). */
const MAX_REDIRECTS = 20;

/**
 * Sends the request and classifies the answer. Redirects are followed here
 * rather than by fetch, so the caller's headers, which carry credentials, go
 * only to the origin the caller named: once a redirect leaves that origin, they
 * are dropped for the rest of the chain.
 *
 * `watchdog` times each wait for response headers. Only those: once an answer
 * has arrived, reading an error body has its own time limit, and a stalled
 * error body must not turn a final answer into a reconnect.
 */
export async function openConnection(
  url: URL,
  headers: Headers,
  lastEventId: string | undefined,
  signal: AbortSignal,
  options: StreamEventsOptions,
  watchdog: IdleWatchdog,
): Promise<ConnectionAnswer> {
  // Called as a plain function: a browser's fetch throws "Illegal invocation"
  // when called as a method of anything but the global object.
  const fetch = options.fetch ?? globalThis.fetch;
  let target = url;
  let callerHeaders: Headers | undefined = headers;
  const send = (redirect: RequestRedirect): Promise<Response> => {
    const sent = new Headers(callerHeaders);
    // HTML §9.2.2 step 12 and §9.2.4: the headers an EventSource sends.
    sent.set("accept", "text/event-stream");
    sent.set("cache-control", "no-cache");
    if (lastEventId !== undefined) sent.set("last-event-id", lastEventIdHeaderValue(lastEventId));
    // An undefined credentials member is as good as none (WebIDL dictionaries),
    // which is what the RequestInit type cannot say with exactOptionalPropertyTypes.
    return watchdog.watch(fetch(target.href, { method: "GET", headers: sent, signal, redirect, credentials: options.credentials } as RequestInit));
  };
  for (let redirects = 0; ; redirects++) {
    let response = await send("manual");
    if (response.type === "opaqueredirect") {
      // Browsers hide a manual redirect's Location. Let the browser follow it: its
      // fetch drops Authorization on a cross-origin hop, and any other header of
      // ours needs the new origin's CORS consent before it is sent there.
      response = await send("follow");
    }
    const { status, headers: answer } = response;
    const answeredUrl = response.url || target.href;
    // The redirect statuses fetch follows; 300, 304 and 305 are answers, not redirects.
    if (![301, 302, 303, 307, 308].includes(status)) {
      // Only a 200 with the `text/event-stream` type (parameters and case
      // ignored) opens the stream, and 204 ends it (HTML §9.2.3). Our documented
      // exceptions: 5xx, 408 and 429 are transient and retried.
      if (status === 200 && /^\s*text\/event-stream\s*(;|$)/i.test(answer.get("content-type") ?? "")) {
        return { response, url: answeredUrl };
      }
      // A 204 has no body to release (Fetch: a null body status).
      if (status === 204) return undefined;
      return responseError(response, answeredUrl, status >= 500 || status === 408 || status === 429);
    }
    const location = answer.get("location");
    let next: URL | undefined;
    try {
      if (location !== null) next = new URL(location, target);
    } catch {
      // An unparsable Location: no redirect to follow.
    }
    if (!next || !/^https?:$/.test(next.protocol)) {
      return responseError(response, answeredUrl, false, `The server answered ${status} without a usable Location`);
    }
    if (redirects === MAX_REDIRECTS) {
      return responseError(response, answeredUrl, false, `More than ${MAX_REDIRECTS} redirects`);
    }
    cancel(response.body);
    if (next.origin !== url.origin) callerHeaders = undefined;
    target = next;
  }
}

async function responseError(response: Response, url: string, retryable: boolean, reason?: string): Promise<SseResponseError> {
  const { status, statusText, headers } = response;
  return new SseResponseError({ url, status, statusText, headers, body: await readBodyPrefix(response), retryable, reason });
}
