/**
 * Calls an observer hook so that nothing it does can change the stream: an
 * exception it throws, or a promise it returns that rejects, is reported the
 * way the platform reports uncaught errors in callbacks (`reportError`, or
 * `console.error` where there is none, as in Node) and otherwise ignored.
 *
 * The hook runs at once (an async function runs synchronously up to its first
 * await), so an abort it makes takes effect before the stream goes on; the
 * promise then catches a throw and a rejected result alike.
 */
export function notify<A extends unknown[]>(hook: ((...args: A) => unknown) | undefined, ...args: A): void {
  // reportError is a global function, so it may be called unbound, like console.error in Node and browsers.
  (async () => hook?.(...args))().catch(globalThis.reportError ?? console.error);
}
