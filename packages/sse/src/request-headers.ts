import { lastEventIdHeaderValue } from "./last-event-id-header.ts";

/**
 * What every request of an event stream sends, as an EventSource does (HTML
 * §9.2.2 step 12, §9.2.4): `Accept: text/event-stream` and `Cache-Control:
 * no-cache`, and `Last-Event-ID` when a last event id is in force. Lower-case
 * names, so that spreading them over a caller's lower-case record replaces
 * the caller's own.
 */
export function eventStreamHeaders(lastEventId: string | undefined): Record<string, string> {
  return {
    accept: "text/event-stream",
    "cache-control": "no-cache",
    ...(lastEventId !== undefined && { "last-event-id": lastEventIdHeaderValue(lastEventId) }),
  };
}

/** Sets `streamHeaders` (see `eventStreamHeaders`) on `headers`, the caller's, replacing theirs of the same names. */
export function withStreamHeaders(headers: Headers, streamHeaders: Record<string, string>): Headers {
  for (const name in streamHeaders) headers.set(name, streamHeaders[name]!);
  return headers;
}
