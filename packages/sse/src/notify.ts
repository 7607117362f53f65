/**
 * Calls an observer hook so that nothing it does can change the stream: an
 * exception it throws, or a promise it returns that rejects, is reported the
 * way the platform reports uncaught errors in callbacks (`reportError`, or
 * `console.error` where there is none, as in Node) and otherwise ignored.
 *
 * The hook runs at once (a promise executor runs synchronously), so an abort
 * it makes takes effect before the stream goes on; the promise then catches a
 * throw and a rejected result alike.
 */
export function notify<A extends unknown[]>(hook: ((...args: A) => unknown) | undefined, ...args: A): void {
  new Promise((resolve) => resolve(hook?.(...args))).catch(report);
}

function report(error: unknown): void {
  const reportError = (globalThis as { reportError?: (error: unknown) => void }).reportError;
  if (typeof reportError === "function") reportError(error);
  else console.error("An @expys/sse hook failed:", error);
}
