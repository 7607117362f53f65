import type { SseEventTooLargeError } from "./errors.ts";
import { parseEventStream, type ParserCore } from "./parse-event-stream.ts";
import type { ServerSentEvent } from "./server-sent-event.ts";

/** Options for {@link EventStreamParser}. */
export interface EventStreamParserOptions {
  /** Called for each dispatched event, synchronously, from inside `feed`. */
  onEvent: (event: ServerSentEvent) => void;
  /** Called with the reconnection time in ms each time a valid `retry` field arrives. */
  onRetry?: ((milliseconds: number) => void) | undefined;
  /** Called with each comment line's text (after the colon and one optional space). */
  onComment?: ((comment: string) => void) | undefined;
  /** The last event id in force before the first byte, for example the id a stream resumed from. */
  lastEventId?: string | undefined;
  /**
   * The longest line, and the largest event data, the parser buffers, in UTF-16
   * code units of decoded text (bytes, for ASCII). Beyond it `feed` throws
   * {@link SseEventTooLargeError}. Defaults to 1 MiB.
   */
  maxEventSize?: number | undefined;
}

/**
 * A streaming parser for `text/event-stream` (HTML §9.2.5–9.2.6): feed it the
 * body's chunks as they arrive, however they are split, and it calls `onEvent`
 * for each complete event.
 *
 * Bytes are decoded as UTF-8 whatever the `charset` says, with a streaming
 * decoder, so a character split across chunks survives. Memory is bounded by
 * `maxEventSize`. The parser never reconnects; call {@link EventStreamParser.reset}
 * when a new connection starts.
 *
 * @example
 * ```ts
 * const parser = new EventStreamParser({ onEvent: (event) => console.log(event.data) });
 * for await (const chunk of response.body) parser.feed(chunk);
 * ```
 */
export class EventStreamParser {
  readonly #core: ParserCore;

  /** @throws {RangeError} when `maxEventSize` is not a positive number. */
  constructor(options: EventStreamParserOptions) {
    const max = options.maxEventSize;
    if (max !== undefined && !(max > 0)) throw new RangeError(`Invalid maxEventSize: ${max}`);
    this.#core = parseEventStream(options);
  }

  /**
   * The last event id in force: what to send as `Last-Event-ID` when
   * reconnecting. `undefined` when there is none.
   */
  get lastEventId(): string | undefined {
    return this.#core.lastEventId();
  }

  /**
   * Parses the next piece of the stream. Bytes are decoded as UTF-8; a string is
   * taken as already decoded text (do not mix the two within one stream).
   *
   * @throws {SseEventTooLargeError} when a line or an event's data exceeds
   *   `maxEventSize`; every later call throws it again until {@link reset}.
   *   An exception thrown by `onEvent` propagates too, and the rest of the chunk is lost.
   */
  feed(chunk: Uint8Array | string): void {
    this.#core.feed(chunk);
  }

  /**
   * Starts a new stream, as for a new connection: discards the incomplete event
   * and line (the spec discards them at end of stream), the decoder's state and
   * the BOM check, and clears a `maxEventSize` failure. Keeps the last event id,
   * as browsers do, so an event on the new stream without an `id` field carries
   * the id the stream resumed from.
   */
  reset(): void {
    this.#core.reset();
  }
}
