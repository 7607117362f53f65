/** Statuses that say the same request may succeed later. */
const retryableStatuses = new Set([408, 429, 500, 502, 503, 504]);

/** Statuses that say the server did not act on the request, so even a plain POST may repeat. */
const notActedOn = new Set([408, 429, 503]);

const idempotentMethods = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"]);

/**
 * Whether repeating a request cannot apply it twice: its method is idempotent,
 * or it carries an Idempotency-Key the server deduplicates on.
 */
export function isRepeatable(method: string, hasIdempotencyKey: boolean): boolean {
  return hasIdempotencyKey || idempotentMethods.has(method);
}

/**
 * Whether an error answer is worth retrying. 409 is retried only when the server
 * says a request with the same key is still in flight; a key reused with another
 * body will never succeed. Answers that may follow a partial write (500, 502,
 * 504) are retried only when repeating is safe.
 */
export function shouldRetryStatus(status: number, code: string, repeatable: boolean): boolean {
  if (status === 409) return repeatable && code === "idempotency_in_progress";
  return retryableStatuses.has(status) && (repeatable || notActedOn.has(status));
}

/** Resolves after `ms`, or rejects with the signal's reason when it aborts first; leaves no timer or listener behind. */
export function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
