/**
 * The WHATWG event stream parser, for bytes (or text) arriving in arbitrary
 * chunks. Every rule cited below is from HTML §9.2.5 "Parsing an event stream"
 * and §9.2.6 "Interpreting an event stream".
 *
 * @see https://html.spec.whatwg.org/multipage/server-sent-events.html#parsing-an-event-stream
 */
import { SseEventTooLargeError } from "./errors.ts";
import type { ServerSentEvent } from "./server-sent-event.ts";

const LF = 10;
const CR = 13;
const SPACE = 32;
const COLON = 58;
const BOM = 0xfeff;

/** The default {@link EventStreamParserOptions.maxEventSize}: 1 MiB of text. */
export const DEFAULT_MAX_EVENT_SIZE = 1024 * 1024;

const STREAM = { stream: true } as const;
/**
 * The parser strips the BOM itself (§9.2.5 "one leading U+FEFF"), for bytes and
 * text alike: Node 24's streaming TextDecoder strips a second BOM too when the
 * first is split across chunks.
 */
const KEEP_BOM = { ignoreBOM: true } as const;

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
 * The event callback as the parser calls it. `hasOwnId` says whether the event's
 * own block set the id; `streamEvents` needs it to drop replayed events, and a
 * callback declared with one parameter simply ignores it.
 */
type DispatchCallback = (event: ServerSentEvent, hasOwnId: boolean) => void;

/**
 * A streaming parser for `text/event-stream`: feed it the body's chunks as they
 * arrive, however they are split, and it calls `onEvent` for each complete event.
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
  private readonly onEvent: DispatchCallback;
  private readonly onRetry: ((milliseconds: number) => void) | undefined;
  private readonly onComment: ((comment: string) => void) | undefined;
  private readonly maxEventSize: number;
  private decoder = new TextDecoder("utf-8", KEEP_BOM);
  /** Text of the line still missing its end, in pieces, so a long line is joined once. */
  private partialLine: string[] = [];
  private partialLength = 0;
  /** The previous chunk ended with CR: an LF starting the next one belongs to it (CRLF). */
  private afterCR = false;
  /** No text has been seen since the stream started: a leading U+FEFF is still to be stripped. */
  private atStreamStart = true;
  private data = "";
  private hasData = false;
  private eventType = "";
  /** The spec's "last event ID buffer". */
  private idBuffer: string;
  /** Whether the current block set the id buffer. */
  private blockHasId = false;
  /** The spec's "last event ID string", as of the last blank line. */
  private lastId: string;
  private failure: SseEventTooLargeError | undefined;

  constructor(options: EventStreamParserOptions) {
    this.onEvent = options.onEvent;
    this.onRetry = options.onRetry;
    this.onComment = options.onComment;
    const max = options.maxEventSize ?? DEFAULT_MAX_EVENT_SIZE;
    if (!(max > 0)) throw new RangeError(`maxEventSize must be a positive number, got ${String(max)}`);
    this.maxEventSize = max;
    this.lastId = options.lastEventId ?? "";
    this.idBuffer = this.lastId;
  }

  /**
   * The last event id in force: what to send as `Last-Event-ID` when
   * reconnecting. `undefined` when there is none.
   */
  get lastEventId(): string | undefined {
    return this.lastId === "" ? undefined : this.lastId;
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
    if (this.failure !== undefined) throw this.failure;
    const text = typeof chunk === "string" ? chunk : this.decoder.decode(chunk, STREAM);
    const length = text.length;
    if (length === 0) return;
    let position = 0;
    if (this.atStreamStart) {
      this.atStreamStart = false;
      if (text.charCodeAt(0) === BOM) position = 1;
    }
    if (this.afterCR) {
      this.afterCR = false;
      if (text.charCodeAt(position) === LF) position++;
    }
    if (this.partialLength > 0) {
      position = this.finishPartialLine(text, position);
      if (position === -1) return;
    }
    position = text.indexOf("\r", position) === -1 ? this.parseLfLines(text, position) : this.parseLines(text, position);
    if (position < length) this.keepPartialLine(text.slice(position));
  }

  /**
   * Starts a new stream, as for a new connection: discards the incomplete event
   * and line (the spec discards them at end of stream), the decoder's state and
   * the BOM check, and clears a `maxEventSize` failure. Keeps the last event id,
   * as browsers do, so an event on the new stream without an `id` field carries
   * the id the stream resumed from.
   */
  reset(): void {
    this.decoder = new TextDecoder("utf-8", KEEP_BOM);
    this.partialLine = [];
    this.partialLength = 0;
    this.afterCR = false;
    this.atStreamStart = true;
    this.data = "";
    this.hasData = false;
    this.eventType = "";
    this.idBuffer = this.lastId;
    this.blockHasId = false;
    this.failure = undefined;
  }

  /** The common case: a chunk with no CR, so every line ends at an LF. */
  private parseLfLines(text: string, position: number): number {
    let start = position;
    let end = text.indexOf("\n", start);
    while (end !== -1) {
      if (end === start) this.dispatch();
      else this.parseLine(text, start, end);
      start = end + 1;
      end = text.indexOf("\n", start);
    }
    return start;
  }

  /** Lines may end in CRLF, LF or a lone CR (§9.2.5). */
  private parseLines(text: string, position: number): number {
    const length = text.length;
    let start = position;
    let cr = text.indexOf("\r", start);
    let lf = text.indexOf("\n", start);
    while (cr !== -1 || lf !== -1) {
      const end = cr !== -1 && (lf === -1 || cr < lf) ? cr : lf;
      if (end === start) this.dispatch();
      else this.parseLine(text, start, end);
      start = end + 1;
      if (end === cr) {
        if (start === length) this.afterCR = true;
        else if (text.charCodeAt(start) === LF) start++;
      }
      if (cr !== -1 && cr < start) cr = text.indexOf("\r", start);
      if (lf !== -1 && lf < start) lf = text.indexOf("\n", start);
    }
    return start;
  }

  /** Completes the line the previous chunks started; returns where parsing resumes, or -1. */
  private finishPartialLine(text: string, position: number): number {
    let end = position;
    const length = text.length;
    while (end < length) {
      const code = text.charCodeAt(end);
      if (code === LF || code === CR) break;
      end++;
    }
    if (end === length) {
      if (position < length) this.keepPartialLine(position === 0 ? text : text.slice(position));
      return -1;
    }
    this.partialLine.push(text.slice(position, end));
    const line = this.partialLine.join("");
    this.partialLine = [];
    this.partialLength = 0;
    this.parseLine(line, 0, line.length);
    if (text.charCodeAt(end) === CR) {
      if (end + 1 === length) {
        this.afterCR = true;
        return length;
      }
      if (text.charCodeAt(end + 1) === LF) return end + 2;
    }
    return end + 1;
  }

  private keepPartialLine(piece: string): void {
    this.partialLength += piece.length;
    if (this.partialLength > this.maxEventSize) this.fail();
    this.partialLine.push(piece);
  }

  /**
   * One non-empty line, `text[start, end)`. The character at `end`, if any, is
   * a line end, so the prefix checks below can never match past the line.
   */
  private parseLine(text: string, start: number, end: number): void {
    if (end - start > this.maxEventSize) this.fail();
    const first = text.charCodeAt(start);
    // Fast paths for the field names servers actually send, spelled exactly
    // and followed by a colon; anything else takes the general path.
    if (first === 100 /* d */) {
      if (
        text.charCodeAt(start + 1) === 97 &&
        text.charCodeAt(start + 2) === 116 &&
        text.charCodeAt(start + 3) === 97 &&
        text.charCodeAt(start + 4) === COLON
      ) {
        this.appendData(text.slice(text.charCodeAt(start + 5) === SPACE ? start + 6 : start + 5, end));
        return;
      }
    } else if (first === 105 /* i */) {
      if (text.charCodeAt(start + 1) === 100 && text.charCodeAt(start + 2) === COLON) {
        this.setId(text.slice(text.charCodeAt(start + 3) === SPACE ? start + 4 : start + 3, end));
        return;
      }
    } else if (first === 101 /* e */) {
      if (
        text.charCodeAt(start + 1) === 118 &&
        text.charCodeAt(start + 2) === 101 &&
        text.charCodeAt(start + 3) === 110 &&
        text.charCodeAt(start + 4) === 116 &&
        text.charCodeAt(start + 5) === COLON
      ) {
        this.eventType = text.slice(text.charCodeAt(start + 6) === SPACE ? start + 7 : start + 6, end);
        return;
      }
    } else if (first === COLON) {
      // A comment: ignored by the spec, offered to onComment (servers use them as heartbeats).
      if (this.onComment !== undefined) {
        this.onComment(text.slice(text.charCodeAt(start + 1) === SPACE ? start + 2 : start + 1, end));
      }
      return;
    }
    this.parseField(text, start, end);
  }

  /**
   * The general rule (§9.2.5): the field name runs to the first colon, and one
   * space after the colon is dropped; a line without a colon is a field name
   * with an empty value. Names compare exactly; unknown fields are ignored.
   */
  private parseField(text: string, start: number, end: number): void {
    let colon = start;
    while (colon < end && text.charCodeAt(colon) !== COLON) colon++;
    const name = text.slice(start, colon);
    let value = "";
    if (colon < end) {
      const valueStart = text.charCodeAt(colon + 1) === SPACE ? colon + 2 : colon + 1;
      value = text.slice(valueStart, end);
    }
    switch (name) {
      case "data":
        this.appendData(value);
        break;
      case "event":
        this.eventType = value;
        break;
      case "id":
        this.setId(value);
        break;
      case "retry":
        this.setRetry(value);
        break;
    }
  }

  /** Data lines join with LF; the spec's trailing LF is never added, so nothing needs removing. */
  private appendData(value: string): void {
    if (this.hasData) {
      this.data = `${this.data}\n${value}`;
      if (this.data.length > this.maxEventSize) this.fail();
    } else {
      this.data = value;
      this.hasData = true;
    }
  }

  /** An id containing NUL is ignored; an empty one clears the last event id (§9.2.6). */
  private setId(value: string): void {
    if (value.indexOf("\0") !== -1) return;
    this.idBuffer = value;
    this.blockHasId = true;
  }

  /** Only a value of ASCII digits alone is a reconnection time; `1.5`, `-5`, `10x` are ignored (§9.2.6). */
  private setRetry(value: string): void {
    if (value.length === 0 || this.onRetry === undefined) return;
    for (let index = 0; index < value.length; index++) {
      const code = value.charCodeAt(index);
      if (code < 48 || code > 57) return;
    }
    this.onRetry(Number(value));
  }

  /**
   * A blank line (§9.2.6 "dispatch the event"): the last event id is updated at
   * every blank line, even for a block without data; an event is dispatched only
   * when some data line was seen; the event type resets either way.
   */
  private dispatch(): void {
    this.lastId = this.idBuffer;
    const hasOwnId = this.blockHasId;
    this.blockHasId = false;
    if (!this.hasData) {
      this.eventType = "";
      return;
    }
    const event: ServerSentEvent = {
      event: this.eventType === "" ? "message" : this.eventType,
      data: this.data,
      id: this.lastId === "" ? undefined : this.lastId,
    };
    this.data = "";
    this.hasData = false;
    this.eventType = "";
    this.onEvent(event, hasOwnId);
  }

  private fail(): never {
    this.failure = new SseEventTooLargeError(this.maxEventSize);
    this.partialLine = [];
    this.partialLength = 0;
    this.data = "";
    this.hasData = false;
    throw this.failure;
  }
}
