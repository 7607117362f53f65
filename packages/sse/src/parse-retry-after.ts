/** Options for {@link parseRetryAfter}. */
export interface ParseRetryAfterOptions {
  /** The current time in ms since the epoch, against which an HTTP-date is measured. Defaults to `Date.now()`. */
  now?: number | undefined;
  /** The longest delay returned, in ms; larger values are clamped to it. Defaults to 60,000. */
  capMs?: number | undefined;
}

/** The default {@link ParseRetryAfterOptions.capMs}: one minute. */
export const DEFAULT_RETRY_AFTER_CAP_MS = 60_000;

const DELTA_SECONDS = /^\d+$/;
/** The three HTTP-date forms (RFC 9110 §5.6.7): IMF-fixdate, obsolete RFC 850, and asctime. */
const IMF_FIXDATE = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;
const RFC_850_DATE = /^[A-Z][a-z]+, \d{2}-[A-Z][a-z]{2}-\d{2} \d{2}:\d{2}:\d{2} GMT$/;
const ASCTIME_DATE = /^[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2} \d{4}$/;

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
export function parseRetryAfter(value: string | null | undefined, options: ParseRetryAfterOptions = {}): number | undefined {
  if (value === null || value === undefined) return undefined;
  const capMs = options.capMs ?? DEFAULT_RETRY_AFTER_CAP_MS;
  const trimmed = value.trim();
  let delayMs: number;
  if (DELTA_SECONDS.test(trimmed)) {
    delayMs = Number(trimmed) * 1000;
  } else if (IMF_FIXDATE.test(trimmed) || RFC_850_DATE.test(trimmed)) {
    delayMs = Date.parse(trimmed) - (options.now ?? Date.now());
  } else if (ASCTIME_DATE.test(trimmed)) {
    // asctime carries no zone; HTTP dates are always GMT.
    delayMs = Date.parse(`${trimmed} GMT`) - (options.now ?? Date.now());
  } else {
    return undefined;
  }
  if (Number.isNaN(delayMs)) return undefined;
  return Math.min(Math.max(0, delayMs), capMs);
}
