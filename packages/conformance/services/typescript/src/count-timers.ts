import { type Ledger, work } from "./ledger.ts";

type TimerFunction = (callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => object | number;
type ClearFunction = (timer: unknown) => void;

/** Which ledger holds a timer, by the timer and by its numeric id (Node and Bun timers convert to one). */
const owners = new Map<unknown, { ledger: Ledger; timer: object | number }>();

function keysOf(timer: object | number): unknown[] {
  const primitive = typeof timer === "object" && Symbol.toPrimitive in timer ? Number(timer) : undefined;
  return primitive === undefined ? [timer] : [timer, primitive];
}

function forget(timer: unknown): void {
  const entry = owners.get(timer);
  if (!entry) return;
  entry.ledger.deleteTimer(entry.timer);
  for (const key of keysOf(entry.timer)) owners.delete(key);
}

function counted(original: TimerFunction, repeats: boolean): TimerFunction {
  return (callback, ms, ...args) => {
    const context = work.getStore();
    if (!context || typeof callback !== "function") return original(callback, ms, ...args);
    const timer: object | number = original(
      (...callbackArgs) => {
        if (!repeats) forget(timer);
        callback(...callbackArgs);
      },
      ms,
      ...args,
    );
    context.ledger.addTimer(timer);
    for (const key of keysOf(timer)) owners.set(key, { ledger: context.ledger, timer });
    return timer;
  };
}

function clearing(original: ClearFunction): ClearFunction {
  return (timer) => {
    forget(timer);
    original(timer);
  };
}

/**
 * Wraps the runtime's timer functions so that a timer created while a client's
 * call or stream runs is counted in that client's ledger until it fires or is
 * cleared. The SDK looks these functions up when it uses them, so wrapping the
 * globals is enough; the SDK itself is not touched.
 */
export function countTimers(): void {
  const scope = globalThis as unknown as Record<string, unknown>;
  scope.setTimeout = counted(scope.setTimeout as TimerFunction, false);
  scope.setInterval = counted(scope.setInterval as TimerFunction, true);
  scope.clearTimeout = clearing(scope.clearTimeout as ClearFunction);
  scope.clearInterval = clearing(scope.clearInterval as ClearFunction);
}
