import { abortedBy } from "./errors.ts";

/**
 * Whether an error answer is worth retrying: 408, 429, 500, 502, 503, 504, and
 * 409 only when the API says a request with the same key is still in flight
 * (`inFlight`; a key reused with another body never succeeds). Answers that
 * may follow a partial write (500, 502, 504) are retried only when repeating
 * is safe; 408, 429 and 503 say the server did not act on the request at all.
 */
export function shouldRetryStatus(status: number, inFlight: boolean, repeatable: boolean): boolean {
  if (status === 409) return repeatable && inFlight;
  const notActedOn = status === 408 || status === 429 || status === 503;
  return notActedOn || (repeatable && (status === 500 || status === 502 || status === 504));
}

/** Resolves after `ms`, or rejects with `ExpysAbortError` when `signal` aborts first; leaves no timer or listener behind. */
export function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortedBy(signal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    if (signal?.aborted) onAbort();
    else signal?.addEventListener("abort", onAbort, { once: true });
  });
}
