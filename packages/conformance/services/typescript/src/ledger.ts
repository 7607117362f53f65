import { AsyncLocalStorage } from "node:async_hooks";

/**
 * What one client of the service has running: HTTP exchanges its `fetch`
 * started and timers its calls scheduled. `GET /clients/{id}` reports it.
 */
export class Ledger {
  #exchanges = 0;
  readonly #timers = new Set<object | number>();

  /** Counts an exchange as open; the returned function closes it, once. */
  openExchange(): () => void {
    this.#exchanges += 1;
    let open = true;
    return () => {
      if (open) this.#exchanges -= 1;
      open = false;
    };
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
  }

  deleteTimer(timer: object | number): void {
    this.#timers.delete(timer);
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
