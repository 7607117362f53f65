import { abortable } from "./abortable.ts";
import { callerHeaders } from "./caller-headers.ts";
import { SseConnectionError, type SseError } from "./errors.ts";
import { EventStreamParser } from "./event-stream-parser.ts";
import { fullJitterBackoff } from "./full-jitter-backoff.ts";
import { IdleWatchdog } from "./idle-watchdog.ts";
import { notify } from "./notify.ts";
import { openConnection, type ConnectionAnswer } from "./open-connection.ts";
import { DEFAULT_RETRY_AFTER_CAP_MS } from "./parse-retry-after.ts";
import { ReplayFilter } from "./replay-filter.ts";
import type { ServerSentEvent } from "./server-sent-event.ts";
import type { StreamEventsOptions } from "./stream-events.ts";

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };
/** setTimeout fires at once for longer delays; a longer `retry` waits this long instead. */
const MAX_TIMER_MS = 2 ** 31 - 1;

const noop = (): void => {};

function discardAnswer(answer: ConnectionAnswer): void {
  if (answer.kind === "stream") answer.response.body?.cancel().catch(noop);
}

/** A reconnect that is due: why, and the least time to wait. */
interface PendingReconnect {
  cause: SseError;
  floorMs: number;
  immediate: boolean;
}

/**
 * One iteration of `streamEvents`: the state machine that connects, reads,
 * reconnects and tears down. It is pull-driven: bytes are read only while the
 * consumer waits for an event, so a slow consumer applies backpressure to the
 * socket instead of filling a queue.
 *
 * Every await is followed by a check of `closed`, because `return()` or an
 * abort can tear the session down while it waits; teardown itself only
 * releases resources, and the waiting code then finds out and stops.
 */
export class EventStreamSession implements AsyncIterableIterator<ServerSentEvent> {
  private readonly url: URL;
  private readonly options: StreamEventsOptions;
  private readonly parser: EventStreamParser;
  private readonly replayFilter: ReplayFilter | undefined;
  private readonly watchdog: IdleWatchdog | undefined;
  private queue: ServerSentEvent[] = [];
  private head = 0;
  private closed = false;
  /** An error to throw once the queued events are delivered. */
  private failure: { error: unknown } | undefined;
  /** The signal's reason, thrown once, ahead of any queued event. */
  private aborted: { reason: unknown } | undefined;
  private connection: AbortController | undefined;
  private reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  private reconnect: PendingReconnect | undefined;
  /** Consecutive reconnects since the last connection that delivered an event. */
  private failures = 0;
  private connections = 0;
  /** The spec's reconnection time, set by `retry` fields (HTML §9.2.6); the least wait before a reconnect. */
  private reconnectionTime = 0;
  private refreshedAfter401 = false;
  private idle = false;
  private wake: (() => void) | undefined;
  private pendingPulls = 0;
  private tail: Promise<unknown> = Promise.resolve();

  constructor(url: URL, options: StreamEventsOptions) {
    this.url = url;
    this.options = options;
    this.parser = new EventStreamParser({
      // The parser passes a second argument its public type leaves out (see DispatchCallback).
      onEvent: this.onEvent as (event: ServerSentEvent) => void,
      onRetry: (milliseconds) => {
        this.reconnectionTime = milliseconds;
      },
      lastEventId: options.lastEventId,
      maxEventSize: options.maxEventSize,
    });
    if (options.dedupe !== false) this.replayFilter = new ReplayFilter(options.lastEventId);
    if (options.idleTimeout) this.watchdog = new IdleWatchdog(options.idleTimeout, this.onIdle);
    const signal = options.signal;
    if (signal?.aborted) {
      this.aborted = { reason: signal.reason };
      this.closed = true;
    } else {
      signal?.addEventListener("abort", this.onAbort);
    }
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<ServerSentEvent>> {
    if (this.pendingPulls === 0 && this.head < this.queue.length && this.aborted === undefined) {
      return Promise.resolve({ done: false, value: this.take() });
    }
    // Calls made while another is pending run one after the other.
    this.pendingPulls++;
    const result = this.tail.then(() => this.pull());
    this.tail = result.then(this.pullSettled, this.pullSettled);
    return result;
  }

  return(): Promise<IteratorResult<ServerSentEvent>> {
    this.discardPending();
    this.close();
    return Promise.resolve(DONE);
  }

  private readonly pullSettled = (): void => {
    this.pendingPulls--;
  };

  private async pull(): Promise<IteratorResult<ServerSentEvent>> {
    for (;;) {
      if (this.aborted !== undefined) {
        const { reason } = this.aborted;
        this.aborted = undefined;
        throw reason;
      }
      if (this.head < this.queue.length) return { done: false, value: this.take() };
      if (this.failure !== undefined) {
        const { error } = this.failure;
        this.failure = undefined;
        throw error;
      }
      if (this.closed) return DONE;
      try {
        if (this.reader === undefined) await this.connect();
        else await this.readChunk();
      } catch (error) {
        // The parser's SseEventTooLargeError, a headers function's error, or a bug.
        if (!this.closed) this.fail(error);
      }
    }
  }

  private take(): ServerSentEvent {
    const event = this.queue[this.head++]!;
    if (this.head === this.queue.length) {
      this.queue.length = 0;
      this.head = 0;
    }
    return event;
  }

  private async connect(): Promise<void> {
    const due = this.reconnect;
    if (due !== undefined) {
      this.reconnect = undefined;
      const attempt = ++this.failures;
      const delayMs = due.immediate
        ? 0
        : Math.min(MAX_TIMER_MS, due.floorMs + fullJitterBackoff(attempt - 1, this.options.backoff));
      notify(this.options.onReconnect, { attempt, delayMs, cause: due.cause });
      await this.sleep(delayMs);
      if (this.closed) return;
    }
    const connection = new AbortController();
    this.connection = connection;
    // The headers function's own error ends the stream (see pull), so it is
    // awaited apart from the request, whose errors are network errors.
    const headers = await abortable(callerHeaders(this.options.headers), connection.signal).catch((error: unknown) => {
      if (this.closed) return undefined;
      throw error;
    });
    if (this.closed || headers === undefined) return;
    this.idle = false;
    const pending = openConnection({
      url: this.url,
      headers,
      lastEventId: this.parser.lastEventId,
      fetch: this.options.fetch ?? globalThis.fetch,
      signal: connection.signal,
      credentials: this.options.credentials,
      maxRetryAfterMs: this.options.maxRetryAfterMs ?? DEFAULT_RETRY_AFTER_CAP_MS,
      watchdog: this.watchdog,
    });
    let answer: ConnectionAnswer;
    try {
      answer = await abortable(pending, connection.signal);
    } catch (error) {
      // A fetch that ignores its signal may still answer later: release that answer.
      pending.then(discardAnswer, noop);
      if (this.closed) return;
      this.lost(this.connectionError(error));
      return;
    }
    if (this.closed) {
      discardAnswer(answer);
      return;
    }
    switch (answer.kind) {
      case "stream":
        this.open(answer.response, answer.url);
        return;
      case "stop":
        this.connection = undefined;
        this.close();
        return;
      case "unauthorized":
        if (typeof this.options.headers === "function" && !this.refreshedAfter401) {
          this.refreshedAfter401 = true;
          this.lost(answer.error, 0, true);
        } else {
          this.fail(answer.error);
        }
        return;
      case "retry":
        this.lost(answer.error, answer.retryAfterMs);
        return;
      case "fail":
        this.fail(answer.error);
        return;
    }
  }

  /** A 200 with `text/event-stream`: a fresh parse per connection (HTML §9.2.5), keeping the last event id. */
  private open(response: Response, url: string): void {
    this.parser.reset();
    this.refreshedAfter401 = false;
    const lastEventId = this.parser.lastEventId;
    this.replayFilter?.connectionOpened(this.connections > 0 || lastEventId !== undefined);
    this.connections++;
    notify(this.options.onConnect, { url, headers: response.headers, lastEventId });
    if (this.closed) return;
    if (response.body === null) {
      this.lost(new SseConnectionError("end-of-stream", "The server sent an empty event stream"));
      return;
    }
    this.reader = response.body.getReader();
  }

  private async readChunk(): Promise<void> {
    const reader = this.reader!;
    let result: ReadableStreamReadResult<Uint8Array>;
    this.watchdog?.start();
    try {
      result = await reader.read();
    } catch (error) {
      if (!this.closed) this.lost(this.connectionError(error));
      return;
    } finally {
      this.watchdog?.stop();
    }
    if (this.closed) return;
    if (result.done) {
      this.lost(new SseConnectionError("end-of-stream", "The server ended the event stream"));
      return;
    }
    this.parser.feed(result.value);
  }

  private readonly onEvent = (event: ServerSentEvent, hasOwnId: boolean): void => {
    if (this.replayFilter !== undefined && !this.replayFilter.accepts(event.id, hasOwnId)) return;
    this.failures = 0;
    this.queue.push(event);
  };

  private readonly onIdle = (): void => {
    this.idle = true;
    this.connection?.abort();
  };

  private readonly onAbort = (): void => {
    this.discardPending();
    this.aborted = { reason: this.options.signal?.reason };
    this.close();
  };

  private connectionError(error: unknown): SseConnectionError {
    return this.idle
      ? new SseConnectionError("idle-timeout", `Nothing arrived for ${this.options.idleTimeout} ms`, { cause: error })
      : new SseConnectionError("network", "The connection failed", { cause: error });
  }

  /** The connection is gone; reconnect after at least the server's reconnection time or `Retry-After`. */
  private lost(cause: SseError, retryAfterMs = 0, immediate = false): void {
    this.dropConnection();
    if (!(cause instanceof SseConnectionError && cause.reason === "end-of-stream")) {
      notify(this.options.onError, cause, { willReconnect: true });
    }
    this.reconnect = { cause, floorMs: Math.max(retryAfterMs, this.reconnectionTime), immediate };
  }

  private fail(error: unknown): void {
    this.failure = { error };
    this.close();
    notify(this.options.onError, error, { willReconnect: false });
  }

  private sleep(ms: number): Promise<void> {
    // A hook may have closed the session (by aborting its signal) just before.
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = undefined;
        resolve();
      }, ms);
      this.wake = () => {
        this.wake = undefined;
        clearTimeout(timer);
        resolve();
      };
    });
  }

  private discardPending(): void {
    this.queue.length = 0;
    this.head = 0;
    this.failure = undefined;
    this.aborted = undefined;
  }

  /** Releases everything at once: the connection, a pending reconnect, the watchdog, the signal listener. Idempotent. */
  private close(): void {
    this.closed = true;
    this.options.signal?.removeEventListener("abort", this.onAbort);
    this.watchdog?.dispose();
    this.wake?.();
    this.dropConnection();
  }

  private dropConnection(): void {
    this.connection?.abort();
    this.connection = undefined;
    this.reader?.cancel().catch(noop);
    this.reader = undefined;
  }
}
