/**
 * The sandbox's timers, kept in one place so `close()` can cancel every one of
 * them and leave nothing holding the process open.
 */
export class Timers {
  readonly #handles = new Set<NodeJS.Timeout>();
  readonly #sleepers = new Set<() => void>();

  /** Runs `callback` once after `ms`; returns a cancel function. */
  timeout(callback: () => void, ms: number): () => void {
    const handle = setTimeout(() => {
      this.#handles.delete(handle);
      callback();
    }, ms);
    this.#handles.add(handle);
    return () => this.#cancel(handle);
  }

  /** Runs `callback` every `ms`; returns a cancel function. */
  interval(callback: () => void, ms: number): () => void {
    const handle = setInterval(callback, ms);
    this.#handles.add(handle);
    return () => this.#cancel(handle);
  }

  /** Resolves after `ms`, or at once when the timers are cleared. */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = (): void => {
        this.#sleepers.delete(wake);
        cancel();
        resolve();
      };
      const cancel = this.timeout(wake, ms);
      this.#sleepers.add(wake);
    });
  }

  /** Cancels every timer and wakes every sleeper. */
  clear(): void {
    for (const handle of this.#handles) clearTimeout(handle);
    this.#handles.clear();
    for (const wake of [...this.#sleepers]) wake();
  }

  #cancel(handle: NodeJS.Timeout): void {
    clearTimeout(handle);
    this.#handles.delete(handle);
  }
}
