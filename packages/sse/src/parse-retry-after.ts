/** Options for {@link parseRetryAfter}. */
export interface ParseRetryAfterOptions {
  /** The current time in ms since the epoch, against which an HTTP-date is measured. Defaults to `Date.now()`. */
  now?: number | undefined;
  /** The longest delay returned, in ms; larger values are clamped to it. Defaults to 60,000. */
  capMs?: number | undefined;
}

/**
 * The shape the three HTTP-date forms (RFC 9110 §5.6.7) share, which
 * `Date.parse` reads among many other formats: a day name first, a time,
 * then GMT or (in asctime) a year. IMF-fixdate `Sun, 06 Nov 1994 08:49:37 GMT`,
 * the obsolete RFC 850 form `Sunday, 06-Nov-94 08:49:37 GMT` and asctime
 * `Sun Nov  6 08:49:37 1994` have it; an ISO date, a date without a time, a
 * number with a unit and V8's nonsense such as `x, 1 2 08:49:37 GMT` do not,
 * and `Date.parse` rejects impossible dates such as 32 Nov.
 */
const HTTP_DATE = /^\w{3}.* \d\d:\d\d:\d\d (GMT|\d{4})$/;

/**
 * Parses a `Retry-After` header value (RFC 9110 §10.2.3) into a delay in ms:
 * either delta-seconds (`"120"`) or an HTTP-date, measured from `now` (a date
 * in the past gives 0). The result is clamped to `capMs`, so a server cannot
 * park a client for days.
 *
 * Returns `undefined` when the header is missing or malformed (`"-5"`,
 * `"1.5"`, `"soon"`), so the caller falls back to its own backoff.
 *
 * @example
 * ```ts
 * parseRetryAfter(response.headers.get("retry-after")) // 120000 for "120"
 * ```
 */
export function parseRetryAfter(value: string | null | undefined, { now = Date.now(), capMs = 60_000 }: ParseRetryAfterOptions = {}): number | undefined {
  const trimmed = value?.trim() ?? "";
  const delayMs = /^\d+$/.test(trimmed)
    ? +trimmed * 1000
    : HTTP_DATE.test(trimmed)
      ? // asctime carries no zone, and HTTP dates are always GMT.
        Date.parse(trimmed.endsWith("GMT") ? trimmed : `${trimmed} GMT`) - now
      : NaN;
  // biome-ignore lint/suspicious/noGlobalIsNan: delayMs is always a number here, and the global is shorter in the bundle.
  return isNaN(delayMs) ? undefined : Math.min(Math.max(0, delayMs), capMs);
}
