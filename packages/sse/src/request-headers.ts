import { lastEventIdHeaderValue } from "./last-event-id-header.ts";

/**
 * Adds to `headers` (the caller's) what every request of an event stream
 * sends, as an EventSource does (HTML §9.2.2 step 12, §9.2.4): `Accept:
 * text/event-stream` and `Cache-Control: no-cache`, which replace the
 * caller's, and `Last-Event-ID` when a last event id is in force.
 */
export function requestHeaders(headers: Headers, lastEventId: string | undefined): Headers {
  headers.set("accept", "text/event-stream");
  headers.set("cache-control", "no-cache");
  if (lastEventId !== undefined) headers.set("last-event-id", lastEventIdHeaderValue(lastEventId));
  return headers;
}
