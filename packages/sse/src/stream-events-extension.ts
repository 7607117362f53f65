import { SseConnectionError, type SseConnectionLossReason, type SseError } from "./errors.ts";
import type { SessionExtension } from "./event-stream-session.ts";
import { notify } from "./notify.ts";
import { replayFilter } from "./replay-filter.ts";
import type { StreamEventsOptions } from "./stream-events.ts";

/**
 * What `streamEvents` adds to each session, beyond `fetchEventStream`: the
 * replay filter (`dedupe`), and the `onConnect`, `onReconnect` and `onError`
 * hooks, each called through `notify` so that it can only observe.
 */
export function streamEventsExtension(options: StreamEventsOptions): SessionExtension {
  const { onError } = options;
  const filterFor = options.dedupe === false ? undefined : replayFilter(options.lastEventId);
  /** Why the last connection ended, as the hooks see it. */
  let cause: SseError;
  const lostConnection = (reason: SseConnectionLossReason, init?: ErrorOptions): SseConnectionError =>
    new SseConnectionError(reason, `Connection lost: ${reason}`, init);
  return {
    opened({ url, response }, lastEventId) {
      const accepts = filterFor?.();
      notify(options.onConnect, { url, headers: response.headers, lastEventId });
      return accepts;
    },
    lost(end, idle) {
      if ("response" in end) {
        // A clean end of stream is a reason to reconnect but not an error.
        cause = lostConnection("end-of-stream");
      } else {
        // biome-ignore lint/suspicious/useIsArray: the array is this module's own, never from another realm; instanceof is shorter.
        cause = end instanceof Array ? lostConnection(idle ? "idle-timeout" : "network", { cause: end[0] }) : end;
        notify(onError, cause, { willReconnect: true });
      }
    },
    reconnecting(attempt, delayMs) {
      notify(options.onReconnect, { attempt, delayMs, cause });
    },
    failed(error) {
      notify(onError, error, { willReconnect: false });
    },
  };
}
