import { connectionAnswer, responseError } from "./connection-answer.ts";
import { cancel } from "./ignore.ts";
import type { OpenConnection } from "./open-connection.ts";
import { requestHeaders } from "./request-headers.ts";

/** Fetch's own limit (Fetch §4.4 "HTTP-redirect fetch", step 5). */
const MAX_REDIRECTS = 20;

/**
 * `streamEvents`' way to open a connection, sending `credentials` as the
 * fetch credentials mode. Redirects are followed here rather than by fetch,
 * so the caller's headers, which carry credentials, go only to the origin the
 * caller named: once a redirect leaves that origin, they are dropped for the
 * rest of the chain (fetch drops only `Authorization`).
 */
export function followRedirects(credentials: RequestCredentials | undefined): OpenConnection {
  return async (url, headers, lastEventId, send) => {
    let target = url;
    let callerHeaders = headers;
    const request = (redirect: RequestRedirect): Promise<Response> =>
      // An undefined credentials member is as good as none (WebIDL dictionaries),
      // which is what the RequestInit type cannot say with exactOptionalPropertyTypes.
      send(target.href, { headers: requestHeaders(callerHeaders, lastEventId), redirect, credentials } as RequestInit);
    for (let redirects = 0; ; redirects++) {
      let response = await request("manual");
      if (response.type === "opaqueredirect") {
        // Browsers hide a manual redirect's Location. Let the browser follow it: its
        // fetch drops Authorization on a cross-origin hop, and any other header of
        // ours needs the new origin's CORS consent before it is sent there.
        response = await request("follow");
      }
      const { status } = response;
      const answeredUrl = response.url || target.href;
      // The redirect statuses fetch follows; 300, 304 and 305 are answers, not redirects.
      if (![301, 302, 303, 307, 308].includes(status)) return connectionAnswer(response, answeredUrl);
      const location = response.headers.get("location");
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
      // Headers of our own alone from here on (requestHeaders adds them).
      if (next.origin !== url.origin) callerHeaders = new Headers();
      target = next;
    }
  };
}
