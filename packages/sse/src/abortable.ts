/**
 * `promise`, or a rejection with `signal.reason` as soon as `signal` aborts,
 * whichever comes first. Cancellation must not depend on a custom fetch or
 * a headers function honouring the signal: one that never settles would
 * otherwise hold the stream (and the consumer's loop) forever.
 *
 * The original promise stays subscribed, so its late rejection is never
 * reported as unhandled.
 */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    if (signal.aborted) onAbort();
    signal.addEventListener("abort", onAbort);
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}
