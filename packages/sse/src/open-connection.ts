import { connectionAnswer, type ConnectionAnswer } from "./connection-answer.ts";
import { requestHeaders } from "./request-headers.ts";

/**
 * Sends a request of the stream: fetch, with the method, the connection's
 * signal and the idle watchdog added by the session.
 */
export type Send = (url: string, init: RequestInit) => Promise<Response>;

/**
 * Opens one connection: sends the request for `url` with the caller's
 * `headers` and the `lastEventId` in force, and classifies the answer.
 */
export type OpenConnection = (url: URL, headers: Headers, lastEventId: string | undefined, send: Send) => Promise<ConnectionAnswer>;

/**
 * `fetchEventStream`'s way to open a connection: one request, whose redirects
 * fetch follows (its default redirect mode). Fetch drops `Authorization` on a cross-origin redirect (Fetch
 * §4.4 "HTTP-redirect fetch"), and turns a redirect it will not
 * follow (a loop, an unparsable or non-HTTP `Location`) into a network error.
 */
export const openConnection: OpenConnection = async (url, headers, lastEventId, send) => {
  const response = await send(url.href, { headers: requestHeaders(headers, lastEventId) });
  return connectionAnswer(response, response.url || url.href);
};
