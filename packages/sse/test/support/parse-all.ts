import { EventStreamParser, type ServerSentEvent } from "../../src/index.ts";

/** Everything a parser run produced, in a form `toEqual` can compare. */
export interface ParseResult {
  events: ServerSentEvent[];
  retries: number[];
  comments: string[];
  lastEventId: string | undefined;
  /** The `name` of the error `feed` threw, if any. */
  error: string | undefined;
}

export interface ParseOptions {
  lastEventId?: string;
  maxEventSize?: number;
}

/** Feeds `chunks` to a fresh parser, stopping at the first error as a stream would. */
export function parseChunks(chunks: readonly (Uint8Array | string)[], options: ParseOptions = {}): ParseResult {
  const result: ParseResult = { events: [], retries: [], comments: [], lastEventId: undefined, error: undefined };
  const parser = new EventStreamParser({
    onEvent: (event) => result.events.push(event),
    onRetry: (ms) => result.retries.push(ms),
    onComment: (comment) => result.comments.push(comment),
    lastEventId: options.lastEventId,
    maxEventSize: options.maxEventSize,
  });
  try {
    for (const chunk of chunks) parser.feed(chunk);
  } catch (error) {
    result.error = (error as Error).name;
  }
  result.lastEventId = parser.lastEventId;
  return result;
}

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/** `bytes` cut at the given offsets (sorted, unique, inside the array). */
export function cutAt(bytes: Uint8Array, offsets: readonly number[]): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  let start = 0;
  for (const offset of offsets) {
    chunks.push(bytes.subarray(start, offset));
    start = offset;
  }
  chunks.push(bytes.subarray(start));
  return chunks;
}
