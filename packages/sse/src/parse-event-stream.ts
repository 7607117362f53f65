/**
 * The WHATWG event stream parser, for bytes (or text) arriving in arbitrary
 * chunks: the engine behind `EventStreamParser` and `streamEvents`. Every rule
 * cited below is from HTML §9.2.5 "Parsing an event stream" and §9.2.6
 * "Interpreting an event stream".
 *
 * @see https://html.spec.whatwg.org/multipage/server-sent-events.html#parsing-an-event-stream
 */
import { SseEventTooLargeError } from "./errors.ts";
import type { EventStreamParserOptions } from "./event-stream-parser.ts";
import type { ServerSentEvent } from "./server-sent-event.ts";

/** The default {@link EventStreamParserOptions.maxEventSize}: 1 MiB of text. */
export const DEFAULT_MAX_EVENT_SIZE = 2 ** 20;

/**
 * The event callback as the parser calls it. `ownId` is the id field of the
 * event's own block (`""` when that field cleared the id), `undefined` when the
 * block had none; `streamEvents` needs it to drop replayed events, and a
 * callback declared with one parameter simply ignores it.
 */
type DispatchCallback = (event: ServerSentEvent, ownId: string | undefined) => void;

/** What {@link parseEventStream} returns: the steps `EventStreamParser` documents. */
export interface ParserCore {
  /** See `EventStreamParser.feed`. */
  feed: (chunk: Uint8Array | string) => void;
  /** See `EventStreamParser.reset`. */
  reset: () => void;
  /** See `EventStreamParser.lastEventId`. */
  lastEventId: () => string | undefined;
}

/**
 * Creates the parser's state and steps, held in a closure: its variables
 * minify to single letters where class fields would keep their names.
 * `streamEvents` uses it directly, so a bundle without `EventStreamParser`
 * leaves the class out. Options are taken as valid: both callers check them.
 */
export function parseEventStream(options: EventStreamParserOptions): ParserCore {
  const { onEvent, onRetry, onComment } = options as EventStreamParserOptions & { onEvent: DispatchCallback };
  const max = options.maxEventSize ?? DEFAULT_MAX_EVENT_SIZE;
  /** The spec's "last event ID string", as of the last blank line. */
  let lastId = options.lastEventId ?? "";
  let decoder: TextDecoder;
  /** Text of the line still missing its end. `+=` builds a rope, so a long line is copied once, when it ends. */
  let partial: string;
  /**
   * The character that, starting the next text, belongs to what came before
   * it and is dropped: a U+FEFF while no text has been seen since the stream
   * started, an LF after a chunk that ended with CR (CRLF), otherwise none.
   */
  let skip: string;
  /** The data buffer; `undefined` until a data field arrives, so an empty `data:` still dispatches. */
  let data: string | undefined;
  let eventType: string;
  /**
   * The id field of the current block, if it had one. The spec's "last event ID
   * buffer" is `lastId` updated with it, so it is all that needs keeping.
   */
  let blockId: string | undefined;
  let failure: SseEventTooLargeError | undefined;

  const reset = (): void => {
    // The parser strips the BOM itself (§9.2.5 "one leading U+FEFF"), for
    // bytes and text alike: Node 24's streaming TextDecoder strips a second
    // BOM too when the first is split across chunks.
    decoder = new TextDecoder("utf-8", { ignoreBOM: true });
    partial = eventType = "";
    skip = "\uFEFF";
    data = blockId = failure = undefined;
  };
  reset();

  // The buffers stay as they are: every feed throws until reset() clears them.
  const fail = (): never => {
    // biome-ignore lint/suspicious/noAssignInExpressions: one expression keeps this hot module's bundle smallest.
    throw (failure = new SseEventTooLargeError(max));
  };

  /**
   * A blank line (§9.2.6 "dispatch the event"): the last event id is updated at
   * every blank line, even for a block without data; an event is dispatched only
   * when some data line was seen; the event type resets either way.
   */
  const dispatch = (): void => {
    const ownId = blockId;
    if (ownId !== undefined) lastId = ownId;
    const event = data === undefined ? undefined : { event: eventType || "message", data, id: lastId || undefined };
    blockId = data = undefined;
    eventType = "";
    if (event) onEvent(event, ownId);
  };

  /**
   * The line of `text` from `start` to `end` (its line end), read in place:
   * slicing each line out of the chunk first, and then its field name, costs
   * about a fifth of the parser's speed on small events. The field name runs
   * to the first colon, so a known name is recognised by its first character,
   * its letters and the colon (or line end) after it; a line starting with
   * any other character is an unknown field, ignored.
   */
  const parseLine = (text: string, start: number, end: number): void => {
    // biome-ignore lint/correctness/noVoidTypeReturn: returning the void call is the shortest spelling in the bundle.
    if (start === end) return dispatch();
    if (end - start > max) fail();
    const first = text.charCodeAt(start);
    const name = first === 100 ? "data" : first === 105 ? "id" : first === 101 ? "event" : first === 114 ? "retry" : first === 58 ? "" : undefined;
    if (name === undefined) return;
    const colon = start + name.length;
    // Names compare exactly: `datum`, `ids:` and `Data` are unknown fields.
    if (colon < end && text.charCodeAt(colon) !== 58) return;
    for (let index = 1; index < name.length; index++) if (text.charCodeAt(start + index) !== name.charCodeAt(index)) return;
    // One space after the colon is dropped. A line without a colon is a field
    // name with an empty value: its "colon" is the line end, and the slice
    // starts past the end.
    const value = text.slice(text.charCodeAt(colon + 1) === 32 /* space */ ? colon + 2 : colon + 1, end);
    if (first === 100) {
      // Lines join with LF; the spec's trailing LF is never added, so nothing needs removing.
      data = data === undefined ? value : `${data}\n${value}`;
      if (data.length > max) fail();
    } else if (first === 105) {
      // An id containing NUL is ignored; an empty one clears the last event id.
      if (!value.includes("\0")) blockId = value;
    } else if (first === 101) eventType = value;
    // Only ASCII digits alone are a reconnection time: `1.5`, `-5`, `10x` are ignored.
    else if (first === 114) {
      if (/^\d+$/.test(value)) onRetry?.(+value);
    }
    // A comment: ignored by the spec, offered to onComment (servers use them as heartbeats).
    else onComment?.(value);
  };

  const feed = (chunk: Uint8Array | string): void => {
    if (failure) throw failure;
    let text = typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
    // An empty chunk must not end the stream's start or a CR's wait for its LF.
    if (!text) return;
    if (text[0] === skip) text = text.slice(1);
    // Every CR ends a line, so a chunk ending with one ended a line that an LF
    // in the next chunk may still complete (CRLF).
    skip = text.endsWith("\r") ? "\n" : "";
    // Lines end in CRLF, LF or a lone CR: with every CR turned into an LF (and
    // every CRLF into one LF), native indexOf finds each line end. Most servers
    // send LF alone, and then the chunk is scanned for CR only once.
    if (text.includes("\r")) text = text.replace(/\r\n?/g, "\n");
    let start = 0;
    // biome-ignore lint/suspicious/noAssignInExpressions: one indexOf per line end, in the loop condition.
    for (let end: number; (end = text.indexOf("\n", start)) >= 0; start = end + 1) {
      if (partial) {
        // A line begun in an earlier chunk, joined into a flat string once its
        // end is here: a rope (`partial + piece`) makes every string call on it
        // slower from then on.
        const line = [partial, text.slice(start, end)].join("");
        partial = "";
        parseLine(line, 0, line.length);
      } else parseLine(text, start, end);
      // The blank line that ends most events, dispatched without another search.
      if (text.charCodeAt(end + 1) === 10) {
        dispatch();
        end++;
      }
    }
    partial += text.slice(start);
    if (partial.length > max) fail();
  };

  return { feed, reset, lastEventId: () => lastId || undefined };
}
