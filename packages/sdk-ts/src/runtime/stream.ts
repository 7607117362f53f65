import { SseResponseError, streamEvents, type BackoffOptions, type ServerSentEvent } from "@expys/sse";
import { apiErrorOf, type ErrorCodeTable } from "./error-response.ts";
import { ExpysAbortError, ExpysError } from "./errors.ts";
import type { StreamRequest } from "./operation.ts";

/** What a stream needs from its client. */
export interface StreamContext {
  url: URL;
  fetch: typeof fetch;
  backoff: BackoffOptions | undefined;
  signal: AbortSignal | undefined;
  errorCodes: ErrorCodeTable;
  secrets: () => readonly string[];
  /** Headers for one connection, credentials included; with the token that a 401 rejected, refreshes it first. */
  headers: (staleToken: string | undefined) => Promise<{ headers: Headers; token: string | undefined }>;
}

/**
 * Opens a Server-Sent Events operation as an AsyncIterable of its events' data.
 * With one declared event type it yields that event's data; with several, a
 * `{ event, data }` per event; with none, the raw events. Reconnects with
 * backoff, resuming with `Last-Event-ID`, happen underneath in @expys/sse;
 * breaking out of the loop closes the connection.
 */
export function openStream<T>(request: StreamRequest, context: StreamContext): AsyncIterable<T> {
  const resume = request.resumeHeader?.toLowerCase();
  const lastEventId = Object.entries(request.headers ?? {}).find(([name]) => name.toLowerCase() === resume)?.[1];
  const declared = new Map(request.events.map(([name, encoding, terminal]) => [name, { json: encoding === "json", terminal: terminal === true }]));
  return {
    async *[Symbol.asyncIterator]() {
      let token: string | undefined;
      let staleToken: string | undefined;
      const events = streamEvents(context.url, {
        fetch: context.fetch,
        signal: context.signal,
        backoff: context.backoff,
        ...(typeof lastEventId === "string" && lastEventId ? { lastEventId } : {}),
        headers: async () => {
          const prepared = await context.headers(staleToken);
          staleToken = undefined;
          token = prepared.token;
          return prepared.headers;
        },
        // @expys/sse asks for headers once more after a 401: make that a fresh token.
        onError: (error) => {
          if (error instanceof SseResponseError && error.status === 401) staleToken = token;
        },
      });
      try {
        for await (const event of events) {
          if (declared.size === 0) {
            yield event as T;
            continue;
          }
          const spec = declared.get(event.event);
          // Event types this SDK does not know yet are skipped, so the server can add them.
          if (!spec) continue;
          const data = spec.json ? parseData(event) : event.data;
          yield (declared.size === 1 ? data : { event: event.event, data }) as T;
          if (spec.terminal) return;
        }
      } catch (error) {
        throw streamErrorOf(error, context);
      }
    },
  };
}

function streamErrorOf(error: unknown, context: StreamContext): unknown {
  if (context.signal?.aborted) return new ExpysAbortError("the stream was aborted", { cause: context.signal.reason });
  if (error instanceof SseResponseError) return apiErrorOf(error.status, error.headers, error.body, context.errorCodes, context.secrets());
  if (error instanceof ExpysError) return error;
  return new ExpysError(`the stream failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
}

function parseData(event: ServerSentEvent): unknown {
  try {
    return JSON.parse(event.data);
  } catch {
    throw new ExpysError(`the "${event.event}" event${event.id ? ` ${event.id}` : ""} carried data that is not JSON`);
  }
}
