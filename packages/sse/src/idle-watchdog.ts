/** Watches waits for a sign of life; see {@link idleWatchdog}. */
export interface IdleWatchdog {
  /** Times a wait (for response headers or the next chunk) while `wait` is pending, and returns it. */
  watch<T>(wait: Promise<T>): Promise<T>;
  /** Clears the timer, leaving nothing scheduled. */
  dispose(): void;
}

/**
 * Calls `onIdle` when a wait has lasted `timeoutMs`; does nothing when
 * `timeoutMs` is 0 or undefined (the `idleTimeout` option is off). Only waits
 * are timed: time the consumer spends on an event never counts, as a slow
 * consumer is not a dead connection.
 *
 * Each wait sets a timer and clears it when it ends: a setTimeout and
 * clearTimeout per chunk, far cheaper than the chunk's own network and
 * parsing work, and smaller than sharing one timer between waits.
 */
export function idleWatchdog(timeoutMs: number | undefined, onIdle: () => void): IdleWatchdog {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const dispose = (): void => clearTimeout(timer);
  return {
    watch(wait) {
      if (!timeoutMs) return wait;
      timer = setTimeout(onIdle, timeoutMs);
      return wait.finally(dispose);
    },
    dispose,
  };
}
