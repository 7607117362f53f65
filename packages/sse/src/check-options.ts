import { checkRange } from "./check-range.ts";
import { fullJitterBackoff } from "./full-jitter-backoff.ts";
import { noop } from "./ignore.ts";
import type { StreamEventsFromOptions } from "./stream-events-from.ts";

/**
 * Checks the options every entry shares, so that a mistake fails at the call
 * rather than, much later, as a stream that never behaves.
 *
 * @throws {TypeError} when there is no fetch or `lastEventId` has a CR, LF or NUL.
 * @throws {RangeError} when a numeric option is out of range.
 */
export function checkOptions(options: StreamEventsFromOptions): void {
  for (const name of ["idleTimeout", "maxEventSize", "maxRetryAfterMs", "maxUnansweredAttempts"] as const) {
    // A maxEventSize of 0 would fail on the first line of any stream; attempts are counted.
    checkRange(name, options[name], name === "maxEventSize", name === "maxUnansweredAttempts");
  }
  // Header values cannot carry these (fetch would refuse the request as a
  // network error, to be retried forever); any other character goes as UTF-8.
  if (/[\0\n\r]/.test(options.lastEventId ?? "")) throw new TypeError("Invalid lastEventId");
  // Checks backoff.baseMs and backoff.capMs as every reconnect will (a random
  // source of our own, so the caller's sees no extra draw).
  fullJitterBackoff(0, { ...options.backoff, random: noop as () => number });
  if (typeof (options.fetch ?? globalThis.fetch) !== "function") {
    throw new TypeError("No fetch: pass the fetch option");
  }
}
