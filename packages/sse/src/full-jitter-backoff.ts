import { checkRange } from "./check-range.ts";

/** Options for {@link fullJitterBackoff}. */
export interface BackoffOptions {
  /** The ceiling of the first retry's delay, in ms; it doubles with each attempt. Defaults to 500. */
  baseMs?: number | undefined;
  /** The largest ceiling, in ms, however many attempts have failed. Defaults to 10,000. */
  capMs?: number | undefined;
  /** A source of uniform numbers in [0, 1), for tests. Defaults to `Math.random`. */
  random?: (() => number) | undefined;
}

/**
 * The delay before retry number `attempt` (0 for the first retry after a
 * success), in whole ms, with "full jitter": a uniform random draw from
 * `[0, min(capMs, baseMs * 2^attempt))`. Spreading every client's retries
 * over the whole window, rather than around a fixed delay, is what stops a
 * fleet of clients that lost the server at the same moment from coming back
 * at the same moment.
 *
 * `streamEvents` reconnects with the same draw, and so do the SDK's request
 * retries, so both back off alike.
 *
 * @see https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/
 * @throws {RangeError} when `attempt` is not a non-negative integer, or
 *   `baseMs`/`capMs` is negative or not finite.
 */
export function fullJitterBackoff(attempt: number, options: BackoffOptions = {}): number {
  checkRange("attempt", attempt, false, true);
  // Named as the option that carries them, in streamEvents and in the SDK.
  checkRange("backoff.baseMs", options.baseMs);
  checkRange("backoff.capMs", options.capMs);
  return fullJitterDelay(attempt, options);
}

/**
 * {@link fullJitterBackoff} without its argument checks, for code that checks
 * its options once, where they come in, and then draws many delays from them
 * (the sessions of this package, the SDK's request retries): each check is
 * code in every bundle that draws a delay. With an `attempt` that is not a
 * whole number >= 0, or a `baseMs` or `capMs` that is negative or not finite,
 * the delay is meaningless.
 */
export function fullJitterDelay(attempt: number, { baseMs = 500, capMs = 10_000, random = Math.random }: BackoffOptions = {}): number {
  // 2 ** attempt overflows to Infinity for huge attempts: min() then yields the
  // cap, except for a zero base, where 0 * Infinity would be NaN (hence `&&`).
  const ceiling = baseMs && Math.min(capMs, baseMs * 2 ** attempt);
  const draw = random();
  // A random source outside [0, 1) (or NaN) must not produce a delay outside the window.
  return Math.floor((draw >= 0 ? Math.min(draw, 1) : 0) * ceiling);
}
