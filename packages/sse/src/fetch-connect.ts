import { connectionRequest } from "./connection-request.ts";
import type { SseResponseError } from "./errors.ts";
import type { FetchEventStreamOptions } from "./fetch-event-stream.ts";
import type { OpenConnection } from "./open-connection.ts";
import type { Connect } from "./stream-events-from.ts";

/**
 * How `fetchEventStream` and `streamEvents` connect, for one iteration: the
 * request their options describe (method, body, the caller's headers, which
 * a `headers` function gives afresh for every connection), sent by `open`,
 * which also says what the answer means (see `connectionAnswer`).
 *
 * A 401 with a `headers` function earns one more attempt at once, with the
 * function told `{ unauthorized: true }`; once a connection opens, a later
 * 401 earns one again. `opened` hears of each connection that opens, with the
 * last event id it resumes from, before its first read.
 */
export function fetchConnect(
  url: URL,
  options: FetchEventStreamOptions,
  open: OpenConnection,
  opened?: (response: Response, lastEventId: string | undefined) => void,
): Connect {
  /** The headers function has been asked again after a 401, since the last connection that opened. */
  let refreshed = false;
  /** The next request is that attempt. */
  let unauthorized = false;
  return async ({ fetch, headers, lastEventId }) => {
    // The headers and body functions' own errors end the stream (they are not the fetch's).
    const request = await connectionRequest(options, { unauthorized });
    unauthorized = false;
    const answer = await open(url, request, headers, fetch);
    const error = (answer as { error?: SseResponseError } | undefined)?.error;
    if (error?.status === 401 && typeof options.headers === "function" && !refreshed) {
      // Worth one more attempt, at once, with freshly fetched headers.
      refreshed = unauthorized = true;
      return { error, retry: "now" };
    }
    if (!error) refreshed = false;
    if (answer && !error) opened?.(answer as Response, lastEventId);
    return answer;
  };
}
