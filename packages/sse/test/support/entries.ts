import { type EventStream, fetchEventStream, type ServerSentEvent, streamEvents, type StreamEventsOptions } from "../../src/index.ts";
import { drain } from "./test-server.ts";

/** The options `streamEvents` has and `fetchEventStream` leaves out. */
const STREAM_EVENTS_ONLY = ["dedupe", "credentials", "onConnect", "onReconnect"] as const;

/** One entry point under test, for suites that run against both. */
export interface Entry {
  name: "streamEvents" | "fetchEventStream";
  /**
   * Opens a stream. The options only `streamEvents` has may be given only when
   * `hooks` is true: `fetchEventStream` would ignore them, so its wrapper
   * throws rather than let a test pass without what it meant to check.
   */
  stream: (url: string | URL, options?: StreamEventsOptions) => EventStream;
  /** Whether the entry has `streamEvents`' hooks (and `dedupe`, `credentials`), so that a test may observe reconnects through them. */
  hooks: boolean;
}

export const entries: Entry[] = [
  { name: "streamEvents", stream: streamEvents, hooks: true },
  {
    name: "fetchEventStream",
    stream: (url, options = {}) => {
      for (const name of STREAM_EVENTS_ONLY) {
        if (options[name] !== undefined) throw new Error(`fetchEventStream has no ${name} option: this test is for streamEvents only`);
      }
      return fetchEventStream(url, options);
    },
    hooks: false,
  },
];

/**
 * `chunks` served as the body of an event stream through `entry`, with a 204
 * on the reconnect after it: the events, the name of the error that ended the
 * iteration, and the last event id as the reconnect sent it.
 */
export async function throughEntry(
  entry: Entry,
  chunks: Uint8Array[],
  options: { lastEventId?: string; maxEventSize?: number } = {},
): Promise<{ events: ServerSentEvent[]; error: string | undefined; lastEventId: string | undefined }> {
  const requests: RequestInit[] = [];
  const fetch = async (_url: string, init: RequestInit): Promise<Response> => {
    if (requests.push(init) > 1) return new Response(null, { status: 204 });
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        const chunk = chunks.shift();
        if (chunk) controller.enqueue(chunk);
        else controller.close();
      },
    });
    return new Response(body, { headers: { "content-type": "text/event-stream" } });
  };
  const { items, error } = await drain(entry.stream("http://sse.test/", { ...options, fetch, backoff: { baseMs: 0 } }));
  const sent = requests[1] === undefined ? null : new Headers(requests[1].headers).get("last-event-id");
  // The header carries the id's UTF-8 bytes, one per character.
  const lastEventId =
    sent === null ? undefined : new TextDecoder("utf-8", { ignoreBOM: true }).decode(Uint8Array.from(sent, (character) => character.charCodeAt(0)));
  return { events: items, error: (error as Error | undefined)?.name, lastEventId };
}
