/**
 * Calls `onIdle` when a wait (for response headers or the next chunk) has
 * lasted `timeoutMs`. One timer serves many waits: starting and stopping a
 * wait only records the time, and the timer, when it fires, either reports
 * the stall or sleeps for the rest of the current wait. That keeps a
 * setTimeout/clearTimeout pair off the path of every chunk.
 *
 * Time spent while no wait is running (the consumer is busy with an event)
 * never counts: a slow consumer is not a dead connection.
 */
export class IdleWatchdog {
  private readonly timeoutMs: number;
  private readonly onIdle: () => void;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** When the current wait started (performance.now()), or -1 when none is running. */
  private waitStart = -1;

  constructor(timeoutMs: number, onIdle: () => void) {
    this.timeoutMs = timeoutMs;
    this.onIdle = onIdle;
  }

  /** A wait begins. */
  start(): void {
    this.waitStart = performance.now();
    this.timer ??= setTimeout(this.check, this.timeoutMs);
  }

  /** The wait ended: something arrived, or the connection is gone. */
  stop(): void {
    this.waitStart = -1;
  }

  /** Stops and clears the timer, leaving nothing scheduled. */
  dispose(): void {
    this.waitStart = -1;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private readonly check = (): void => {
    this.timer = undefined;
    if (this.waitStart < 0) return;
    const waited = performance.now() - this.waitStart;
    if (waited >= this.timeoutMs) {
      this.waitStart = -1;
      this.onIdle();
    } else {
      this.timer = setTimeout(this.check, this.timeoutMs - waited);
    }
  };
}
