import { type BackoffOptions, fetchEventStream, SseResponseError } from "@expys/sse";
import type { ApiFacts } from "./api-facts.ts";
import { apiErrorOf } from "./error-response.ts";
import { ExpysAbortError, ExpysError } from "./errors.ts";
import { checkHeaderValue } from "./header-value.ts";
import type { StreamRequest } from "./operation.ts";
import type { Redact } from "./redact.ts";

/** What a stream needs from its client. */
export interface StreamContext {
  url: string;
  fetch: typeof fetch;
  backoff: BackoffOptions | undefined;
  signal: AbortSignal | undefined;
  api: ApiFacts;
  redact: Redact;
  /** Headers for one connection, credentials included; given the token a 401 rejected, refreshes it first. */
  headers: (staleToken: string | undefined) => Promise<{ headers: Record<string, string>; token?: string | undefined }>;
}

/**
 * Opens a Server-Sent Events operation as an AsyncIterable of its events' data:
 * with one declared event type, that event's data; with several, `{ event, data }`;
 * with none, the raw events. Reconnects, resuming with `Last-Event-ID`, happen
 * underneath in @expys/sse; breaking out of the loop closes the connection.
 */
export function openStream<T>(request: StreamRequest, context: StreamContext): AsyncIterable<T> {
  const declared = new Map(request.events.map(([name, encoding, terminal]) => [name, [encoding === "json", terminal] as const]));
  const lastEventId = request.lastEventId == null ? undefined : String(request.lastEventId);
  if (lastEventId) checkHeaderValue("last-event-id", lastEventId);
  return {
    async *[Symbol.asyncIterator]() {
      let token: string | undefined;
      // The app client's only credential is Authorization, which fetch itself drops on a
      // redirect to another origin, so the smaller fetchEventStream is enough.
      const events = fetchEventStream(context.url, {
        fetch: context.fetch,
        signal: context.signal,
        backoff: context.backoff,
        idleTimeout: request.idleTimeout,
        lastEventId,
        // After a 401, @expys/sse asks once more: make that a fresh token.
        headers: async ({ unauthorized }) => {
          const prepared = await context.headers(unauthorized ? token : undefined);
          token = prepared.token;
          return prepared.headers;
        },
      });
      try {
        for await (const event of events) {
          const spec = declared.get(event.event);
          // Raw events when the spec declares none; otherwise unknown event types are
          // skipped, so the server can add them without breaking this SDK.
          if (!declared.size) yield event as T;
          else if (spec) {
            let data: unknown = event.data;
            try {
              if (spec[0]) data = JSON.parse(event.data);
            } catch (error) {
              throw new ExpysError(`a ${event.event} event's data is not JSON`, { cause: error });
            }
            yield (declared.size > 1 ? { event: event.event, data } : data) as T;
            if (spec[1]) return;
          }
        }
      } catch (error) {
        if (context.signal?.aborted) throw new ExpysAbortError("aborted", { cause: context.signal.reason });
        if (error instanceof SseResponseError) throw apiErrorOf(error.status, error.headers, error.body, context.api, context.redact);
        throw error instanceof ExpysError ? error : new ExpysError("the stream failed", { cause: error });
      }
    },
  };
}
