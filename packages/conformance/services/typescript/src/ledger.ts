import { AsyncLocalStorage } from "node:async_hooks";

/**
 * What one client of the service has running: HTTP exchanges its `fetch`
 * started and timers its calls scheduled. `GET /clients/{id}` reports it.
 */
export class Ledger {
  #exchanges = 0;
  readonly #timers = new Set<object | number>();
  readonly #parent: Ledger | undefined;

  /** A ledger of its own; with `parent`, for one call or stream, everything is counted in the parent too. */
  constructor(parent?: Ledger) {
    this.#parent = parent;
  }

  /** Counts an exchange as open; the returned function closes it, once. */
  openExchange(): () => void {
    this.#exchanges += 1;
    const closeParent = this.#parent?.openExchange();
    let open = true;
    return () => {
      if (open) {
        this.#exchanges -= 1;
        closeParent?.();
      }
      open = false;
    };
  }

  /** Whether nothing is counted. */
  get idle(): boolean {
    return this.#exchanges === 0 && this.timers === 0;
  }

  /**
   * Resolves once nothing is counted, or after `withinMs`: a torn-down fetch or
   * timer can settle a turn or two after the code that tore it down returned.
   */
  async settled(withinMs = 2000): Promise<void> {
    const deadline = Date.now() + withinMs;
    while (!this.idle && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
  }

  get openConnections(): number {
    return this.#exchanges;
  }

  /** Pending timers that keep the runtime alive; `unref`'d ones are the runtime's housekeeping. */
  get timers(): number {
    let count = 0;
    for (const timer of this.#timers) if ((timer as { hasRef?: () => boolean }).hasRef?.() !== false) count += 1;
    return count;
  }

  addTimer(timer: object | number): void {
    this.#timers.add(timer);
    this.#parent?.addTimer(timer);
  }

  deleteTimer(timer: object | number): void {
    this.#timers.delete(timer);
    this.#parent?.deleteTimer(timer);
  }
}

/** Whose work is running: the client's ledger and, for a call or a stream, whether it has sent anything yet. */
export interface WorkContext {
  ledger: Ledger;
  sent: boolean;
}

/** The work each piece of code runs for; timers and fetches created inside it are counted against it. */
export const work = new AsyncLocalStorage<WorkContext>();

/** Runs `task` outside any client's work, for the service's own traffic (callbacks, the token endpoint). */
export function asService<T>(task: () => T): T {
  return work.exit(task);
}
