import { streamEvents, type ServerSentEvent } from "@expys/sse";
import { ExpysError } from "./errors.ts";
import type { StreamRequest } from "./operation.ts";
import { buildUrl } from "./url.ts";

/** What a stream needs from its client. */
export interface StreamContext {
  baseUrl: string;
  fetch: typeof fetch;
  /** Headers for one connection attempt, credentials included; called before each (re)connect. */
  headers: () => Promise<Headers>;
  signal: AbortSignal | undefined;
}

/**
 * Opens a Server-Sent Events operation as an AsyncIterable of its events' data.
 * With one declared event type it yields that event's data; with several, a
 * `{ event, data }` per event; with none, the raw events. Reconnects, resuming
 * with `Last-Event-ID`, happen underneath in @expys/sse.
 */
export function openStream<T>(request: StreamRequest, context: StreamContext): AsyncIterable<T> {
  const url = buildUrl(context.baseUrl, request);
  const resumeHeader = request.resumeHeader?.toLowerCase();
  const lastEventId = Object.entries(request.headers ?? {}).find(([name]) => name.toLowerCase() === resumeHeader)?.[1];
  const declared = new Map(request.events.map(([name, encoding, terminal]) => [name, { encoding, terminal: terminal === true }]));
  const single = request.events.length === 1;
  return {
    async *[Symbol.asyncIterator]() {
      const events = streamEvents(url, {
        headers: context.headers,
        signal: context.signal,
        fetch: context.fetch,
        ...(typeof lastEventId === "string" && lastEventId ? { lastEventId } : {}),
      });
      for await (const event of events) {
        if (declared.size === 0) {
          yield event as T;
          continue;
        }
        const spec = declared.get(event.event);
        // Event types this SDK does not know yet are skipped, so a server can add them.
        if (!spec) continue;
        const data = spec.encoding === "json" ? parseData(event) : event.data;
        yield (single ? data : { event: event.event, data }) as T;
        if (spec.terminal) return;
      }
    },
  };
}

function parseData(event: ServerSentEvent): unknown {
  try {
    return JSON.parse(event.data);
  } catch {
    throw new ExpysError(`the "${event.event}" event${event.id ? ` ${event.id}` : ""} carried data that is not JSON`);
  }
}
