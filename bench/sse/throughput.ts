/**
 * The contenders, each consuming the same chunks and touching every event
 * (counting it and its data length) so no work can be skipped.
 */
import { EventStreamParser, streamEvents } from "@expys/sse";
import { createParser } from "eventsource-parser";
import { EventSourceParserStream, type EventSourceMessage } from "eventsource-parser/stream";
import type { Corpus } from "./corpus.ts";

/** What one run saw, to check that every contender parsed the same events. */
export interface Tally {
  events: number;
  dataLength: number;
}

/** A fetch Response whose body yields the corpus chunks, as a socket would. */
function responseOf(corpus: Corpus): Response {
  let index = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = corpus.chunks[index++];
      if (chunk === undefined) controller.close();
      else controller.enqueue(chunk);
    },
  });
  return new Response(body, { headers: { "content-type": "text/event-stream" } });
}

/** Our whole public path: streamEvents over a fetch that returns the bytes, `for await` per event. */
export async function oursPublic(corpus: Corpus): Promise<Tally> {
  const tally: Tally = { events: 0, dataLength: 0 };
  const fetch = async (): Promise<Response> => responseOf(corpus);
  for await (const event of streamEvents("http://bench.invalid/stream", { fetch })) {
    tally.events++;
    tally.dataLength += event.data.length;
    // The stream would reconnect after the end; the consumer has all it wanted.
    if (tally.events === corpus.events) break;
  }
  return tally;
}

/** eventsource-parser the way a fetch user plugs it in: TextDecoderStream + EventSourceParserStream, `for await` per event. */
export async function theirsPublic(corpus: Corpus): Promise<Tally> {
  const tally: Tally = { events: 0, dataLength: 0 };
  const response = responseOf(corpus);
  const stream = response.body!.pipeThrough(new TextDecoderStream()).pipeThrough(new EventSourceParserStream());
  // ReadableStream is async-iterable in every runtime we target; TypeScript's DOM types lag behind.
  const events = stream as unknown as AsyncIterable<EventSourceMessage>;
  for await (const event of events) {
    tally.events++;
    tally.dataLength += event.data.length;
  }
  return tally;
}

/** Our low-level parser, fed the bytes. */
export function oursParser(corpus: Corpus): Tally {
  const tally: Tally = { events: 0, dataLength: 0 };
  const parser = new EventStreamParser({
    onEvent: (event) => {
      tally.events++;
      tally.dataLength += event.data.length;
    },
  });
  for (const chunk of corpus.chunks) parser.feed(chunk);
  return tally;
}

/** eventsource-parser's bare feed() loop, with the streaming TextDecoder it needs. */
export function theirsParser(corpus: Corpus): Tally {
  const tally: Tally = { events: 0, dataLength: 0 };
  const decoder = new TextDecoder();
  const parser = createParser({
    onEvent: (event) => {
      tally.events++;
      tally.dataLength += event.data.length;
    },
  });
  for (const chunk of corpus.chunks) parser.feed(decoder.decode(chunk, { stream: true }));
  return tally;
}
