import { SseResponseError } from "./errors.ts";
import type { IdleWatchdog } from "./idle-watchdog.ts";
import { lastEventIdHeaderValue } from "./last-event-id-header.ts";
import { parseRetryAfter } from "./parse-retry-after.ts";
import { readBodyPrefix } from "./read-body-prefix.ts";

/** The fetch `streamEvents` calls: the global one, or the `fetch` option. */
export type FetchFunction = (url: string, init: RequestInit) => Promise<Response>;

/** What one connection attempt sends. */
export interface ConnectionRequest {
  url: URL;
  /** The caller's headers for this attempt; sent only to the URL's own origin. */
  headers: Headers;
  lastEventId: string | undefined;
  fetch: FetchFunction;
  signal: AbortSignal;
  credentials: RequestInit["credentials"] | undefined;
  /** The ceiling for a `Retry-After` delay, in ms. */
  maxRetryAfterMs: number;
  /**
   * Watches each wait for response headers. Only those: once an answer has
   * arrived, reading an error body has its own time limit, and a stalled
   * error body must not turn a final answer into a reconnect.
   */
  watchdog: IdleWatchdog | undefined;
}

/** How the server answered one connection attempt. */
export type ConnectionAnswer =
  /** 200 with `text/event-stream`: read events from `response`. */
  | { kind: "stream"; response: Response; url: string }
  /** 204: the server asks the client to stop (HTML §9.2.3). */
  | { kind: "stop" }
  /** 401: worth one more attempt with freshly fetched headers. */
  | { kind: "unauthorized"; error: SseResponseError }
  /** 5xx, 408, 429: reconnect after a backoff (at least `retryAfterMs`, when the server sent it). */
  | { kind: "retry"; error: SseResponseError; retryAfterMs: number | undefined }
  /** Anything else: end the iteration with `error`. */
  | { kind: "fail"; error: SseResponseError };

/** The redirect statuses fetch follows; 300, 304 and 305 are answers, not redirects. */
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** Fetch's own limit (Fetch §4.4 "HTTP-redirect fetch", step 5). */
const MAX_REDIRECTS = 20;

const noop = (): void => {};

/**
 * Sends the request and classifies the answer. Redirects are followed here
 * rather than by fetch, so the caller's headers, which carry credentials, go
 * only to the origin the caller named: once a redirect leaves that origin, they
 * are dropped for the rest of the chain.
 */
export async function openConnection(request: ConnectionRequest): Promise<ConnectionAnswer> {
  // Called as a plain function: a browser's fetch throws "Illegal invocation"
  // when called as a method of anything but the global object.
  const fetch = request.fetch;
  const origin = request.url.origin;
  let url = request.url;
  let sameOrigin = true;
  const send = async (redirect: RequestRedirect): Promise<Response> => {
    request.watchdog?.start();
    try {
      return await fetch(url.href, requestInit(request, sameOrigin, redirect));
    } finally {
      request.watchdog?.stop();
    }
  };
  for (let redirects = 0; ; redirects++) {
    let response = await send("manual");
    if (response.type === "opaqueredirect") {
      // Browsers hide a manual redirect's Location. Let the browser follow it: its
      // fetch drops Authorization on a cross-origin hop, and any other header of
      // ours needs the new origin's CORS consent before it is sent there.
      response = await send("follow");
    }
    const answeredUrl = response.url === "" ? url.href : response.url;
    if (!REDIRECT_STATUSES.has(response.status)) return classify(response, answeredUrl, request.maxRetryAfterMs);
    const location = response.headers.get("location");
    const target = location === null ? undefined : parseHttpUrl(location, url);
    if (target === undefined) {
      return { kind: "fail", error: await responseError(response, answeredUrl, false, "a redirect without a usable Location") };
    }
    if (redirects === MAX_REDIRECTS) {
      return { kind: "fail", error: await responseError(response, answeredUrl, false, `more than ${MAX_REDIRECTS} redirects`) };
    }
    response.body?.cancel().catch(noop);
    if (target.origin !== origin) sameOrigin = false;
    url = target;
  }
}

function requestInit(request: ConnectionRequest, withCallerHeaders: boolean, redirect: RequestRedirect): RequestInit {
  const headers = withCallerHeaders ? new Headers(request.headers) : new Headers();
  // HTML §9.2.2 step 12 and §9.2.4: the headers an EventSource sends.
  headers.set("accept", "text/event-stream");
  headers.set("cache-control", "no-cache");
  if (request.lastEventId !== undefined) headers.set("last-event-id", lastEventIdHeaderValue(request.lastEventId));
  const init: RequestInit = { method: "GET", headers, signal: request.signal, redirect };
  if (request.credentials !== undefined) init.credentials = request.credentials;
  return init;
}

function parseHttpUrl(location: string, base: URL): URL | undefined {
  let target: URL;
  try {
    target = new URL(location, base);
  } catch {
    return undefined;
  }
  return target.protocol === "http:" || target.protocol === "https:" ? target : undefined;
}

/**
 * HTML §9.2.3: only a 200 with the `text/event-stream` type (parameters
 * ignored) opens the stream, and 204 ends it without error. Our documented
 * exceptions: 5xx, 408 and 429 are transient and retried, and a 401 gets one
 * more try with fresh headers.
 */
async function classify(response: Response, url: string, maxRetryAfterMs: number): Promise<ConnectionAnswer> {
  const status = response.status;
  if (status === 200 && isEventStream(response.headers.get("content-type"))) return { kind: "stream", response, url };
  if (status === 204) {
    response.body?.cancel().catch(noop);
    return { kind: "stop" };
  }
  if (status === 200) {
    return { kind: "fail", error: await responseError(response, url, false, `a 200 response that is not text/event-stream`) };
  }
  const retryable = status >= 500 || status === 408 || status === 429;
  const error = await responseError(response, url, retryable);
  if (status === 401) return { kind: "unauthorized", error };
  if (!retryable) return { kind: "fail", error };
  const retryAfterMs =
    status === 429 || status === 503
      ? parseRetryAfter(response.headers.get("retry-after"), { capMs: maxRetryAfterMs })
      : undefined;
  return { kind: "retry", error, retryAfterMs };
}

function isEventStream(contentType: string | null): boolean {
  if (contentType === null) return false;
  const semicolon = contentType.indexOf(";");
  const essence = (semicolon === -1 ? contentType : contentType.slice(0, semicolon)).trim();
  return essence.toLowerCase() === "text/event-stream";
}

async function responseError(response: Response, url: string, retryable: boolean, problem?: string): Promise<SseResponseError> {
  const body = await readBodyPrefix(response);
  const init = { url, status: response.status, statusText: response.statusText, headers: response.headers, body, retryable };
  if (problem === undefined) return new SseResponseError(init);
  const contentType = response.headers.get("content-type");
  const reason = `The server answered ${response.status} with ${problem}${contentType === null ? "" : ` (content type "${contentType}")`}`;
  return new SseResponseError({ ...init, reason });
}
