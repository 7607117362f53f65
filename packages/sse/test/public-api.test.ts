/**
 * The public surface: exactly these names, with these types. The type
 * assertions are checked by `tsc` (npm run check); the runtime ones by vitest.
 */
import { describe, expect, expectTypeOf, it } from "vitest";
import * as sse from "../src/index.ts";
import {
  EventStreamParser,
  SseConnectionError,
  SseError,
  SseEventTooLargeError,
  SseResponseError,
  fetchEventStream,
  fullJitterBackoff,
  isEventStream,
  parseRetryAfter,
  readBodyPrefix,
  streamEvents,
  streamEventsFrom,
  type BackoffOptions,
  type Connect,
  type ConnectAnswer,
  type Connection,
  type ConnectInfo,
  type ErrorInfo,
  type EventStream,
  type EventStreamParserOptions,
  type FetchEventStreamOptions,
  type HeadersInfo,
  type ParseRetryAfterOptions,
  type ReconnectInfo,
  type Refusal,
  type RequestBody,
  type ServerSentEvent,
  type SseConnectionLossReason,
  type StreamEventsFromOptions,
  type StreamEventsOptions,
} from "../src/index.ts";

describe("public API", () => {
  it("exports exactly these values", () => {
    expect(Object.keys(sse).sort()).toEqual([
      "EventStreamParser",
      "SseConnectionError",
      "SseError",
      "SseEventTooLargeError",
      "SseResponseError",
      "fetchEventStream",
      "fullJitterBackoff",
      "fullJitterDelay",
      "isEventStream",
      "parseRetryAfter",
      "readBodyPrefix",
      "streamEvents",
      "streamEventsFrom",
    ]);
  });

  it("types streamEvents and its options", () => {
    expectTypeOf(streamEvents).parameters.toEqualTypeOf<[url: string | URL, options?: StreamEventsOptions]>();
    expectTypeOf(streamEvents).returns.toEqualTypeOf<EventStream>();
    expectTypeOf<EventStream>().toMatchTypeOf<AsyncIterable<ServerSentEvent>>();
    expectTypeOf<EventStream["restart"]>().toEqualTypeOf<() => void>();
    expectTypeOf<ServerSentEvent>().toEqualTypeOf<{ event: string; data: string; id: string | undefined }>();
    // Every option accepts undefined, for callers with exactOptionalPropertyTypes.
    expectTypeOf<{ [K in keyof StreamEventsOptions]-?: undefined }>().toMatchTypeOf<{ [K in keyof StreamEventsOptions]-?: StreamEventsOptions[K] }>();
    type Init = HeadersInit | undefined;
    expectTypeOf<StreamEventsOptions["headers"]>().toEqualTypeOf<Init | ((info: HeadersInfo) => Init | Promise<Init>)>();
    expectTypeOf<HeadersInfo>().toEqualTypeOf<{ unauthorized: boolean }>();
    // A headers function written before the argument existed still fits.
    expectTypeOf<() => Promise<Init>>().toMatchTypeOf<NonNullable<StreamEventsOptions["headers"]>>();
    expectTypeOf<StreamEventsOptions["signal"]>().toEqualTypeOf<AbortSignal | undefined>();
    expectTypeOf<StreamEventsOptions["backoff"]>().toEqualTypeOf<BackoffOptions | undefined>();
    expectTypeOf(globalThis.fetch).toMatchTypeOf<NonNullable<StreamEventsOptions["fetch"]>>();
    expectTypeOf<ReconnectInfo>().toEqualTypeOf<{ attempt: number; delayMs: number; cause: SseError }>();
    expectTypeOf<ConnectInfo>().toEqualTypeOf<{ url: string; headers: Headers; lastEventId: string | undefined }>();
    expectTypeOf<ErrorInfo>().toEqualTypeOf<{ willReconnect: boolean; failures: number }>();
    expectTypeOf<NonNullable<StreamEventsOptions["onError"]>>().parameters.toEqualTypeOf<[error: unknown, info: ErrorInfo]>();
    expectTypeOf<NonNullable<StreamEventsOptions["onComment"]>>().parameters.toEqualTypeOf<[comment: string]>();
    expectTypeOf<StreamEventsOptions["method"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<RequestBody>().toEqualTypeOf<string | Uint8Array>();
    expectTypeOf<StreamEventsOptions["body"]>().toEqualTypeOf<RequestBody | (() => RequestBody | Promise<RequestBody>) | undefined>();
    expectTypeOf<StreamEventsOptions["maxUnansweredAttempts"]>().toEqualTypeOf<number | undefined>();
  });

  it("types fetchEventStream as streamEvents without the options it leaves out", () => {
    expectTypeOf(fetchEventStream).parameters.toEqualTypeOf<[url: string | URL, options?: FetchEventStreamOptions]>();
    expectTypeOf(fetchEventStream).returns.toEqualTypeOf<EventStream>();
    expectTypeOf<keyof FetchEventStreamOptions>().toEqualTypeOf<
      | "headers"
      | "signal"
      | "lastEventId"
      | "fetch"
      | "backoff"
      | "maxRetryAfterMs"
      | "idleTimeout"
      | "maxEventSize"
      | "maxUnansweredAttempts"
      | "method"
      | "body"
      | "onComment"
      | "onError"
    >();
    expectTypeOf<Exclude<keyof StreamEventsOptions, keyof FetchEventStreamOptions>>().toEqualTypeOf<"dedupe" | "credentials" | "onConnect" | "onReconnect">();
    expectTypeOf<FetchEventStreamOptions["headers"]>().toEqualTypeOf<StreamEventsOptions["headers"]>();
    // Every option accepts undefined, for callers with exactOptionalPropertyTypes.
    expectTypeOf<{ [K in keyof FetchEventStreamOptions]-?: undefined }>().toMatchTypeOf<{
      [K in keyof FetchEventStreamOptions]-?: FetchEventStreamOptions[K];
    }>();
  });

  it("types streamEventsFrom, its connect and its options", () => {
    expectTypeOf(streamEventsFrom).parameters.toEqualTypeOf<[connect: Connect, options?: StreamEventsFromOptions]>();
    expectTypeOf(streamEventsFrom).returns.toEqualTypeOf<AsyncIterable<ServerSentEvent>>();
    expectTypeOf<Connect>().toEqualTypeOf<(connection: Connection) => Promise<ConnectAnswer>>();
    expectTypeOf<ConnectAnswer>().toEqualTypeOf<Response | Refusal | undefined>();
    expectTypeOf<Connection["fetch"]>().toEqualTypeOf<(url: string, init: RequestInit) => Promise<Response>>();
    expectTypeOf<Connection["watch"]>().toEqualTypeOf<<T>(wait: Promise<T>) => Promise<T>>();
    expectTypeOf<Connection["headers"]>().toEqualTypeOf<Record<string, string>>();
    expectTypeOf<Connection["lastEventId"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<Refusal>().toEqualTypeOf<{ error: unknown; retry?: boolean | "now" | undefined; retryAfterMs?: number | undefined }>();
    expectTypeOf<keyof StreamEventsFromOptions>().toEqualTypeOf<
      "signal" | "lastEventId" | "fetch" | "backoff" | "maxRetryAfterMs" | "idleTimeout" | "maxEventSize" | "maxUnansweredAttempts" | "onError"
    >();
    // Every fetchEventStream option the low-level entry has means the same there.
    expectTypeOf<StreamEventsFromOptions>().toMatchTypeOf<Pick<FetchEventStreamOptions, keyof StreamEventsFromOptions>>();
    expectTypeOf(isEventStream).toEqualTypeOf<(response: Response) => boolean>();
    expectTypeOf(readBodyPrefix).toEqualTypeOf<(response: Response) => Promise<string>>();
  });

  it("types the parser", () => {
    expectTypeOf<EventStreamParser["feed"]>().toEqualTypeOf<(chunk: Uint8Array | string) => void>();
    expectTypeOf<EventStreamParser["reset"]>().toEqualTypeOf<() => void>();
    expectTypeOf<EventStreamParser["lastEventId"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<EventStreamParserOptions["onEvent"]>().toEqualTypeOf<(event: ServerSentEvent) => void>();
    expectTypeOf<EventStreamParserOptions["onRetry"]>().toEqualTypeOf<((milliseconds: number) => void) | undefined>();
  });

  it("types the utilities", () => {
    expectTypeOf(fullJitterBackoff).toEqualTypeOf<(attempt: number, options?: BackoffOptions) => number>();
    expectTypeOf<BackoffOptions>().toEqualTypeOf<{
      baseMs?: number | undefined;
      capMs?: number | undefined;
      random?: (() => number) | undefined;
    }>();
    expectTypeOf(parseRetryAfter).toEqualTypeOf<(value: string | null | undefined, options?: ParseRetryAfterOptions) => number | undefined>();
  });

  it("gives every error a stable name, a working instanceof and typed fields", () => {
    const response = new SseResponseError({
      url: "http://x.test/",
      status: 429,
      statusText: "Too Many Requests",
      headers: new Headers({ "content-type": "application/json; charset=utf-8" }),
      body: "{}",
      retryable: true,
    });
    const connection = new SseConnectionError("idle-timeout", "quiet");
    const tooLarge = new SseEventTooLargeError(10);
    for (const [error, name] of [
      [response, "SseResponseError"],
      [connection, "SseConnectionError"],
      [tooLarge, "SseEventTooLargeError"],
      [new SseError("base"), "SseError"],
    ] as const) {
      expect(error).toBeInstanceOf(SseError);
      expect(error).toBeInstanceOf(Error);
      expect(error.name).toBe(name);
      expect(String(error)).toMatch(new RegExp(`^${name}: `));
    }
    expect(response.contentType).toBe("application/json; charset=utf-8");
    expect(response.message).toBe("The server answered 429 Too Many Requests with content type application/json; charset=utf-8, not an event stream");
    expectTypeOf(response.headers).toEqualTypeOf<Headers>();
    expectTypeOf(response.body).toEqualTypeOf<string>();
    expectTypeOf(response.contentType).toEqualTypeOf<string | undefined>();
    expectTypeOf(connection.reason).toEqualTypeOf<SseConnectionLossReason>();
    expectTypeOf<SseConnectionLossReason>().toEqualTypeOf<"network" | "idle-timeout" | "end-of-stream">();
  });

  it("rejects nonsense parser options with a RangeError", () => {
    expect(() => new EventStreamParser({ onEvent: () => {}, maxEventSize: 0 })).toThrow(RangeError);
    expect(() => new EventStreamParser({ onEvent: () => {}, maxEventSize: Number.NaN })).toThrow(/maxEventSize/);
  });
});
