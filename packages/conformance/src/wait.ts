/**
 * Resolves once `condition` returns true (or a value other than false), polling
 * every few milliseconds; rejects naming `what` after `timeoutMs`. Deadlines here
 * are generous bounds against hangs, never measurements.
 */
export async function eventually<T>(what: string, condition: () => T | false | Promise<T | false>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Waits `ms`: for scenarios that must give something a chance to happen before checking that it did not. */
export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
