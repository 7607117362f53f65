import { type Connect, SseConnectionError, type StreamEventsFromOptions, streamEventsFrom } from "@expys/sse";
import { abortedBy, ExpysConnectionError, ExpysError } from "./errors.ts";
import { checkHeaderValue } from "./header-value.ts";
import type { Log } from "./logger.ts";
import type { StreamRequest } from "./operation.ts";
import { causeOf } from "./attempt.ts";

/**
 * Opens a Server-Sent Events operation as an AsyncIterable of its events' data:
 * with one declared event type, that event's data; with several, `{ event, data }`;
 * with none, the raw events. @expys/sse parses, resumes with `Last-Event-ID`,
 * reconnects with backoff and watches for stalls; each connection is the
 * client's own request (`connect`, called once per iteration). `options` are
 * the client's fetch, backoff and `Retry-After` ceiling, and the call's
 * signal; `unreachable` words a connection that got no answer as a call's
 * `ExpysConnectionError` does.
 *
 * Each failed connection, and each answer that can pass (5xx, 408, 429), is
 * logged at warn with how many failed in a row, and reconnected: the stream
 * never retries in silence. After 10 attempts in a row that got no answer at
 * all (the SSE client's default) the iteration ends with
 * `ExpysConnectionError`; an answer that cannot pass ends it with its
 * `ExpysApiError`. Breaking out of the loop closes the connection.
 */
export function openStream<T>(
  request: StreamRequest,
  connect: () => Connect,
  options: StreamEventsFromOptions,
  log: Log,
  unreachable: (where: string, cause: string) => string,
): AsyncIterable<T> {
  const { signal } = options;
  const declared = new Map(request.events.map(([name, encoding, terminal]) => [name, [encoding === "json", terminal] as const]));
  const lastEventId = request.lastEventId == null ? undefined : String(request.lastEventId);
  if (lastEventId) checkHeaderValue("last-event-id", lastEventId);
  /** What went wrong with one connection, in the words of a call's errors. */
  const failure = (error: unknown): string =>
    error instanceof SseConnectionError
      ? unreachable(request.route, error.reason === "idle-timeout" ? `silent for ${request.idleTimeout} ms` : causeOf(error.cause))
      : `${request.route}: ${(error as Error).message}`;
  return {
    async *[Symbol.asyncIterator]() {
      const events = streamEventsFrom(connect(), {
        ...options,
        idleTimeout: request.idleTimeout,
        lastEventId,
        onError: (error, { willReconnect, failures }) => {
          if (willReconnect) log("warn", `${failure(error)}; reconnecting (${failures} in a row)`);
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
        if (signal?.aborted) throw abortedBy(signal);
        if (error instanceof SseConnectionError) throw new ExpysConnectionError(failure(error), { cause: error });
        throw error instanceof ExpysError ? error : new ExpysError("the stream failed", { cause: error });
      }
    },
  };
}
