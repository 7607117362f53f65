import type { SessionExtension } from "./event-stream-session.ts";
import { notify } from "./notify.ts";
import { replayFilter } from "./replay-filter.ts";
import type { StreamEventsOptions } from "./stream-events.ts";

/**
 * What `streamEvents` adds to each session, beyond `fetchEventStream`: the
 * replay filter (`dedupe`), and the `onConnect` and `onReconnect` hooks, each
 * called through `notify` so that it can only observe.
 */
export function streamEventsExtension(options: StreamEventsOptions): SessionExtension {
  const filterFor = options.dedupe === false ? undefined : replayFilter(options.lastEventId);
  return {
    opened({ url, response }, lastEventId) {
      const accepts = filterFor?.();
      notify(options.onConnect, { url, headers: response.headers, lastEventId });
      return accepts;
    },
    reconnecting(attempt, delayMs, cause) {
      notify(options.onReconnect, { attempt, delayMs, cause });
    },
  };
}
