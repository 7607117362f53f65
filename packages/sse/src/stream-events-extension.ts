import type { SessionExtension } from "./event-stream-session.ts";
import { lost } from "./errors.ts";
import { notify } from "./notify.ts";
import { replayFilter } from "./replay-filter.ts";
import type { StreamEventsOptions } from "./stream-events.ts";

/** What `streamEvents` adds to one iteration: to the session, and to its connections as they open. */
export interface StreamEventsExtension extends SessionExtension {
  /** A connection opened with `response`, resuming from `lastEventId`; called before its first read. */
  opened(response: Response, lastEventId: string | undefined): void;
}

/**
 * What `streamEvents` adds to each iteration, beyond `fetchEventStream`: the
 * replay filter (`dedupe`), and the `onConnect` and `onReconnect` hooks, each
 * called through `notify` so that it can only observe. `url` is the stream's,
 * which answered unless the answer says otherwise (after redirects).
 */
export function streamEventsExtension(options: StreamEventsOptions, url: URL): StreamEventsExtension {
  const filter = options.dedupe === false ? undefined : replayFilter(options.lastEventId);
  return {
    accepts: filter?.accepts,
    opened(response, lastEventId) {
      filter?.resumed();
      notify(options.onConnect, { url: response.url || url.href, headers: response.headers, lastEventId });
    },
    reconnecting(attempt, delayMs, cause) {
      notify(options.onReconnect, { attempt, delayMs, cause: cause ?? lost("end-of-stream") });
    },
  };
}
