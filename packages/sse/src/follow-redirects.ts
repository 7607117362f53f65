import { connectionAnswer, refusal } from "./connection-answer.ts";
import { cancel } from "./ignore.ts";
import type { OpenConnection } from "./open-connection.ts";
import { withStreamHeaders } from "./request-headers.ts";

/** Fetch's own limit (Fetch §4.4 "HTTP-redirect fetch", step 5). */
const MAX_REDIRECTS = 20;

/** The headers that describe a body, dropped with it when a redirect turns the request into a GET (Fetch §4.4 step 12). */
const BODY_HEADERS = ["content-type", "content-encoding", "content-language", "content-location"];

/**
 * `streamEvents`' way to open a connection, sending `credentials` as the
 * fetch credentials mode. Redirects are followed here rather than by fetch,
 * so the caller's headers, which carry credentials, go only to the origin the
 * caller named: once a redirect leaves that origin, they are dropped for the
 * rest of the chain (fetch drops only `Authorization`).
 *
 * A redirect that cannot lead anywhere ends the stream with an
 * `SseResponseError` at once, instead of being retried: one without a
 * `Location`, with an empty, unparsable or non-HTTP one, or one back to a URL
 * the chain already visited (a loop).
 */
export function followRedirects(credentials: RequestCredentials | undefined): OpenConnection {
  return async (url, request, streamHeaders, send) => {
    let target = url;
    let { method, body, headers } = request;
    const visited = new Set<string>();
    const attempt = (redirect: RequestRedirect): Promise<Response> =>
      // An undefined member is as good as none (WebIDL dictionaries), which
      // is what the RequestInit type cannot say with exactOptionalPropertyTypes.
      send(target.href, { method, body, headers: withStreamHeaders(headers, streamHeaders), redirect, credentials } as RequestInit);
    for (;;) {
      visited.add(target.href);
      let response = await attempt("manual");
      if (response.type === "opaqueredirect") {
        // Browsers hide a manual redirect's Location. Let the browser follow it: its
        // fetch drops Authorization on a cross-origin hop, and any other header of
        // ours needs the new origin's CORS consent before it is sent there.
        response = await attempt("follow");
      }
      const { status } = response;
      const answeredUrl = response.url || target.href;
      // The redirect statuses fetch follows; 300, 304 and 305 are answers, not redirects.
      if (![301, 302, 303, 307, 308].includes(status)) return connectionAnswer(response, answeredUrl);
      const location = response.headers.get("location");
      let next: URL | undefined;
      try {
        // An empty Location would resolve to this very URL.
        if (location) next = new URL(location, target);
      } catch {
        // An unparsable Location: no redirect to follow.
      }
      if (!next || !/^https?:$/.test(next.protocol)) {
        return refusal(response, answeredUrl, false, `The server answered ${status} without a usable Location`);
      }
      if (visited.has(next.href) || visited.size > MAX_REDIRECTS) {
        return refusal(response, answeredUrl, false, `The server answered ${status}: a redirect loop, or more than ${MAX_REDIRECTS} redirects`);
      }
      cancel(response.body);
      // As fetch does: 303 turns any method but HEAD into GET, and 301 and 302 a POST.
      if (status === 303 ? method && !/^(GET|HEAD)$/i.test(method) : status < 303 && method?.toUpperCase() === "POST") {
        method = "GET";
        body = undefined;
        for (const name of BODY_HEADERS) headers.delete(name);
      }
      // Headers of our own alone from here on (withStreamHeaders adds them).
      if (next.origin !== url.origin) headers = new Headers();
      target = next;
    }
  };
}
