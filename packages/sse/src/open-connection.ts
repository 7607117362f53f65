import { connectionAnswer } from "./connection-answer.ts";
import { withStreamHeaders } from "./request-headers.ts";
import type { ConnectAnswer } from "./stream-events-from.ts";

/**
 * Sends a request of the stream: fetch, with the connection's signal and the
 * idle watchdog added by the session.
 */
export type Send = (url: string, init: RequestInit) => Promise<Response>;

/** What the session asks for on each connection: the method, the body, and the caller's headers. */
export interface ConnectionRequest {
  method: string | undefined;
  body: string | Uint8Array | undefined;
  headers: Headers;
}

/**
 * Opens one connection: sends `request` for `url` with the event stream's own
 * headers (`streamHeaders`), and classifies the answer.
 */
export type OpenConnection = (url: URL, request: ConnectionRequest, streamHeaders: Record<string, string>, send: Send) => Promise<ConnectAnswer>;

/**
 * `fetchEventStream`'s way to open a connection: one request, whose redirects
 * fetch follows (its default redirect mode). Fetch drops `Authorization` on a
 * cross-origin redirect (Fetch §4.4 "HTTP-redirect fetch"), and turns a
 * redirect it will not follow (a loop, an unparsable or non-HTTP `Location`)
 * into a network error.
 */
export const openConnection: OpenConnection = async (url, request, streamHeaders, send) => {
  withStreamHeaders(request.headers, streamHeaders);
  const response = await send(url.href, request as RequestInit);
  return connectionAnswer(response, response.url || url.href);
};
