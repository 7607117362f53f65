import { type Connect, SseConnectionError, type StreamEventsFromOptions, streamEventsFrom } from "@expys/sse";
import { abortedBy, ExpysConnectionError, ExpysError } from "./errors.ts";
import { checkHeaderValue } from "./header-value.ts";
import type { Log } from "./logger.ts";
import type { StreamRequest } from "./operation.ts";
import { causeOf } from "./attempt.ts";

/**
 * Opens a Server-Sent Events operation as an AsyncIterable of what its
 * declared events decode to (see `StreamRequest.declaredEvents`), or of the raw
 * events when it declares none. @expys/sse parses, resumes with `Last-Event-ID`,
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
  // Any value but null or undefined is resumed after as its string, as String() would spell it.
  const lastEventId = (request.resumeAfterId as { toString(): string } | null | undefined)?.toString();
  if (lastEventId) checkHeaderValue("last-event-id", lastEventId);
  /** What went wrong with one connection, or ended the stream, in the words of a call's errors. */
  const failure = (error: unknown): string =>
    error instanceof SseConnectionError
      ? unreachable(request.route, error.reason === "idle-timeout" ? `silent for ${request.idleTimeoutMs} ms` : causeOf(error.cause))
      : `${request.route}: ${(error as Error).message}`;
  return {
    async *[Symbol.asyncIterator]() {
      const events = streamEventsFrom(connect(), {
        ...options,
        idleTimeout: request.idleTimeoutMs,
        lastEventId,
        onError: (error, { willReconnect, failures }) => {
          if (willReconnect) log("warn", `${failure(error)}; reconnecting (${failures} in a row)`);
        },
      });
      try {
        for await (const event of events) {
          if (!request.declaredEvents) yield event as T;
          for (const [name, decode, terminal] of request.declaredEvents ?? []) {
            if (name === event.event) {
              yield decode(event) as T;
              if (terminal) return;
            }
          }
        }
      } catch (error) {
        if (options.signal?.aborted) throw abortedBy(options.signal);
        if (error instanceof SseConnectionError) throw new ExpysConnectionError(failure(error), { cause: error });
        throw error instanceof ExpysError ? error : new ExpysError(failure(error), { cause: error });
      }
    },
  };
}
