// The public options of every generated client and call, in one place, so
// that the runtime's modules depend on this file and not on each other.
import type { BackoffOptions } from "@expys/sse";
import type { Logger, LogLevel } from "./logger.ts";

/** A bearer token, or a function returning one; the function is asked again when the token expires. */
export type TokenSource = string | (() => string | Promise<string>);

/** Options every generated client accepts. */
export interface ClientOptions {
  /** A `fetch` to use instead of the global one (a proxy, instrumentation, tests). */
  fetch?: typeof fetch | undefined;
  /** Headers sent with every request. */
  headers?: Readonly<Record<string, string>> | undefined;
  /**
   * How many times a failed call is retried when a retry can help. Default 2:
   * three attempts ride out a blip or a deploy, while a longer outage fails fast
   * rather than multiplying the load on a struggling server.
   */
  maxRetries?: number | undefined;
  /**
   * How long one attempt may take, in ms, from sending the request to the last
   * byte of the answer's body; then it is abandoned with an
   * `ExpysTimeoutError` (and retried if it can be). Default 60,000: a hung
   * connection or a stalled body ends within a minute, while a slow network
   * keeps room to answer. 0 turns it off. Streams have an idle timeout instead.
   */
  timeout?: number | undefined;
  /**
   * The full-jitter backoff between retries and stream reconnects. Default base
   * 500 ms, cap 10 s; each a whole number of ms >= 0, checked when the client is made.
   */
  backoff?: BackoffOptions | undefined;
  /** The longest `Retry-After` the client waits, in ms; a longer one ends the call with the error. Default 60,000. */
  maxRetryAfterMs?: number | undefined;
  /** Where log lines go. Default `console`. */
  logger?: Logger | undefined;
  /** The least severe level logged. Default `"warn"`. */
  logLevel?: LogLevel | undefined;
}

/** Per-call options. */
export interface RequestOptions {
  /** Aborts the call, including its retries and their waits. */
  signal?: AbortSignal | undefined;
  /** Headers for this call only. */
  headers?: Readonly<Record<string, string>> | undefined;
  /** Overrides the client's `maxRetries` for this call. */
  maxRetries?: number | undefined;
  /** Overrides the client's `timeout` for this call's attempts. */
  timeout?: number | undefined;
}
