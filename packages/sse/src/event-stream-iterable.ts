import { checkRange } from "./check-range.ts";
import { type EventStreamSession, eventStreamSession } from "./event-stream-session.ts";
import type { EventStream, FetchEventStreamOptions } from "./fetch-event-stream.ts";
import { fetchConnect } from "./fetch-connect.ts";
import type { OpenConnection } from "./open-connection.ts";
import type { StreamEventsExtension } from "./stream-events-extension.ts";

/**
 * What `fetchEventStream` and `streamEvents` return, after checking their
 * arguments the same way: an iterable whose every iteration is a new session,
 * opening connections with `open`, and extended by `extend` (`streamEvents`'
 * replay dropping and hooks) when given.
 *
 * @throws {TypeError} when `url` is not a valid URL, there is no fetch,
 *   `lastEventId` has a CR, LF or NUL, or there is a `body` with GET or HEAD.
 * @throws {RangeError} when a numeric option is out of range.
 */
export function eventStreamIterable<O extends FetchEventStreamOptions>(
  url: string | URL,
  options: O,
  open: OpenConnection,
  extend?: (options: O, url: URL) => StreamEventsExtension,
): EventStream {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    try {
      // A relative URL in a page resolves against the page, as EventSource does.
      // Without a page, `location` is missing (Node) or throws (Deno without --location).
      target = new URL(url, location.href);
    } catch {
      throw new TypeError(`Not an absolute URL: ${url}`);
    }
  }
  for (const name of ["idleTimeout", "maxEventSize", "maxRetryAfterMs", "maxUnansweredAttempts"] as const) {
    // A maxEventSize of 0 would fail on the first line of any stream; attempts are counted.
    checkRange(name, options[name], name === "maxEventSize", name === "maxUnansweredAttempts");
  }
  // Header values cannot carry these (fetch would refuse the request as a
  // network error, to be retried forever); any other character goes as UTF-8.
  if (/[\0\n\r]/.test(options.lastEventId ?? "")) throw new TypeError("Invalid lastEventId");
  // The session draws its delays unchecked (see fullJitterDelay).
  checkRange("backoff.baseMs", options.backoff?.baseMs);
  checkRange("backoff.capMs", options.backoff?.capMs);
  if (typeof (options.fetch ?? globalThis.fetch) !== "function") throw new TypeError("No fetch: pass the fetch option");
  if (options.body !== undefined && /^(GET|HEAD)$/i.test(options.method ?? "GET")) throw new TypeError("No body with GET or HEAD");
  let latest: EventStreamSession | undefined;
  return {
    // Each iteration gets its own connect and extension: both keep per-stream state.
    [Symbol.asyncIterator]: () => {
      const extension = extend?.(options, target);
      // biome-ignore lint/suspicious/noAssignInExpressions: the latest iteration is the one restart() acts on.
      return (latest = eventStreamSession(fetchConnect(target, options, open, extension?.opened), options, extension));
    },
    restart: () => latest?.restart(),
  };
}
