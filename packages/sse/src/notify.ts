/**
 * Calls an observer hook so that nothing it does can change the stream: an
 * exception it throws, or a promise it returns that rejects, is reported the
 * way the platform reports uncaught errors in callbacks (`reportError`, or
 * `console.error` where there is none, as in Node) and otherwise ignored.
 */
export function notify<A extends unknown[]>(hook: ((...args: A) => unknown) | undefined, ...args: A): void {
  if (hook === undefined) return;
  try {
    const result = hook(...args);
    if (typeof (result as PromiseLike<unknown> | undefined)?.then === "function") {
      (result as PromiseLike<unknown>).then(undefined, report);
    }
  } catch (error) {
    report(error);
  }
}

function report(error: unknown): void {
  const reportError = (globalThis as { reportError?: (error: unknown) => void }).reportError;
  if (typeof reportError === "function") reportError(error);
  else console.error("An @expys/sse hook threw; the stream carries on:", error);
}
