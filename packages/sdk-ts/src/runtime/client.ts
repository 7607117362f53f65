import { fullJitterBackoff, parseRetryAfter, type BackoffOptions } from "@expys/sse";
import { sdkVersion } from "../version.ts";
import { ApiPromise, type ApiResponse } from "./api-promise.ts";
import type { Credential } from "./credentials.ts";
import type { BodyDecoder } from "./decode-body.ts";
import { apiErrorOf, type ErrorCodeTable } from "./error-response.ts";
import { ExpysAbortError, ExpysApiError, ExpysConnectionError, ExpysError, ExpysTimeoutError } from "./errors.ts";
import { idempotencyKey } from "./idempotency-key.ts";
import { createLog, redact, type Logger, type LogLevel } from "./logger.ts";
import type { OperationRequest, PagedRequest, StreamRequest } from "./operation.ts";
import { PagePromise } from "./page-promise.ts";
import { isRepeatable, shouldRetryStatus, sleep } from "./retry-policy.ts";
import { openStream } from "./stream.ts";
import { buildUrl } from "./url.ts";

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
   * How long one attempt may take, in ms, before it is abandoned (and retried if
   * it can be). Default 0: no limit of the SDK's own, only fetch's (Node's waits
   * at most 5 minutes for response headers). Off by default because giving fetch
   * an AbortSignal costs about 20 µs per call on Node, a fifth of a loopback call.
   */
  timeout?: number | undefined;
  /** The full-jitter backoff between retries and stream reconnects. Default base 500 ms, cap 10 s. */
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

/** The facts of the API that generated code passes to the runtime. */
export interface ClientConfig {
  environments: Readonly<Record<string, string>>;
  /** The API's error codes, when it documents them. */
  errorCodes?: ErrorCodeTable | undefined;
  /** The client's credentials by security scheme id; `undefined` for one the options did not provide. */
  auth: Readonly<Record<string, Credential | undefined>>;
  security: readonly (readonly string[])[];
}

/** What generated methods call. */
export interface Client {
  request<T>(request: OperationRequest, options?: RequestOptions): ApiPromise<T>;
  paginate<Page, Item>(request: PagedRequest, options?: RequestOptions): PagePromise<Page, Item>;
  stream<T>(request: StreamRequest, options?: RequestOptions): AsyncIterable<T>;
}

interface ResolvedOptions extends ClientOptions {
  environment?: string | undefined;
  baseUrl?: string | undefined;
}

/** A whole number >= 0, or the fallback when absent. */
function count(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (Number.isInteger(value) && value >= 0) return value;
  throw new RangeError(`${name} must be a whole number >= 0`);
}

const aborted = (signal: AbortSignal | undefined): ExpysAbortError => new ExpysAbortError("aborted", { cause: signal?.reason });

/** Reads a value at a path of fields, such as a page's `nextCursor`. */
const valueAt = (value: unknown, path: readonly string[]): unknown =>
  path.reduce<unknown>((current, field) => (current as Record<string, unknown> | null | undefined)?.[field], value);

/** Builds the runtime behind one generated client. */
export function createClient(options: ResolvedOptions, config: ClientConfig): Client {
  const fetchImpl: typeof fetch = options.fetch ?? ((input, init) => fetch(input, init));
  const environments = config.environments;
  const names = Object.keys(environments);
  const baseUrl = options.baseUrl || environments[options.environment ?? (names.length === 1 ? names[0]! : "")];
  if (!baseUrl) throw new ExpysError(`unknown environment ${options.environment} (known: ${names}); or pass baseUrl`);
  const maxRetryAfterMs = count("maxRetryAfterMs", options.maxRetryAfterMs, 60_000);
  const errorCodes = config.errorCodes ?? {};
  const secrets = new Set<string>();
  const log = createLog(options.logger ?? console, options.logLevel ?? "warn", secrets);
  const debug = options.logLevel === "debug";

  /** Client, per-call and operation headers (later ones win), then the credentials of the first satisfiable security alternative. */
  async function prepare(request: OperationRequest, callOptions: RequestOptions | undefined) {
    const headers: Record<string, string> = {};
    for (const source of [options.headers, callOptions?.headers, request.headers]) {
      for (const name in source) if (source[name] != null) headers[name.toLowerCase()] = String(source[name]);
    }
    headers["x-expys-client"] = `@expys/sdk/${sdkVersion}`;
    const query: Record<string, unknown> = {};
    const used: { token?: string; refresh?: Credential["refresh"]; send?: Credential["send"] } = {};
    for (const id of (request.security ?? config.security).find((alternative) => alternative.every((scheme) => config.auth[scheme])) ?? []) {
      const credential = config.auth[id]!;
      const token = await credential.apply(headers, query, secrets);
      if (token) Object.assign(used, { token, refresh: credential.refresh });
      used.send = credential.send ?? used.send;
    }
    // A line break in a header value would let it inject headers; names the header, never the value.
    for (const name in headers) if (/[\r\n\0]/.test(headers[name]!)) throw new ExpysError(`a line break or NUL in the ${name} header`);
    return { headers, url: buildUrl(baseUrl!, request, query), ...used };
  }

  async function send<T>(request: OperationRequest, callOptions: RequestOptions | undefined): Promise<ApiResponse<T>> {
    const signal = callOptions?.signal;
    const maxRetries = count("maxRetries", callOptions?.maxRetries ?? options.maxRetries, 2);
    const timeout = count("timeout", callOptions?.timeout ?? options.timeout, 0);
    const keyHeader = request.idempotencyHeader;
    // One key for every attempt of this call, so the server tells a retry from a new write.
    const key = keyHeader && (request.idempotencyKey ?? idempotencyKey());
    const operation = keyHeader ? { ...request, headers: { ...request.headers, [keyHeader]: key } } : request;
    const repeatable = isRepeatable(request.method, Boolean(key));
    // Whether the last attempt carried a token fetched after a 401. A second
    // token_expired for it means the provider hands out expired tokens: stop.
    // Once the API accepts the new token, a later expiry (during a long retry
    // wait, say) is a new one and earns its own refresh; retries bound the total.
    let refreshed = false;
    for (let retries = 0; ; ) {
      const { headers, url, token, refresh, send: sender } = await prepare(operation, callOptions);
      const init: RequestInit = { method: request.method, headers };

      if (request.body !== undefined) {
        const { body, contentType } = request.encodeBody?.(request.body) ?? { body: JSON.stringify(request.body), contentType: "application/json" };
        init.body = body;
        if (contentType) headers["content-type"] = contentType;
      }
      if (debug) log("debug", `${request.method} ${request.path} attempt ${retries + 1}`);
      let failure: ExpysError;
      let wait: number | undefined;
      try {
        const [response, data] = await attempt(url, init, sender, request.decodeBody, timeout, signal);
        if (response.ok) return { data: data as T, response, requestId: response.headers.get("X-Request-Id") ?? undefined };
        const error = apiErrorOf(response.status, response.headers, data as string, errorCodes, secrets);
        if (error.code === "token_expired" && refresh && token && !refreshed) {
          refreshed = true;
          log("info", `${request.path}: the token expired; asking for a new one`);
          await refresh(token);
          continue;
        }
        // Any other answer means the API took the token (a 401 is never retried).
        refreshed = false;
        wait = parseRetryAfter(response.headers.get("Retry-After"), { capMs: Infinity });
        if (retries >= maxRetries || !shouldRetryStatus(error.status, error.code, repeatable) || (wait ?? 0) > maxRetryAfterMs) throw error;
        failure = error;
      } catch (error) {
        if (error instanceof ExpysApiError || error instanceof ExpysAbortError || !(error instanceof ExpysError) || retries >= maxRetries || !repeatable)
          throw error;
        failure = error;
      }
      wait ??= fullJitterBackoff(retries, options.backoff);
      retries += 1;
      log("info", `${request.method} ${request.path} failed (${failure.message}); retry ${retries} of ${maxRetries} in ${wait} ms`);
      await sleep(wait, signal).catch(() => {
        throw aborted(signal);
      });
    }
  }

  /**
   * One fetch and its body, bounded by `timeout` and the caller's signal, leaving
   * no timer or listener. Only a call that can be cut short gives fetch a signal:
   * Node's fetch pays about 20 µs per call for one.
   */
  async function attempt(
    url: string,
    init: RequestInit,
    sender: Credential["send"],
    decode: BodyDecoder | undefined,
    timeout: number,
    signal: AbortSignal | undefined,
  ): Promise<[Response, unknown]> {
    if (signal?.aborted) throw aborted(signal);
    const controller = timeout || signal ? new AbortController() : undefined;
    const onAbort = (): void => controller?.abort();
    signal?.addEventListener("abort", onAbort);
    const timer = timeout ? setTimeout(onAbort, timeout) : undefined;
    try {
      const request = controller ? { ...init, signal: controller.signal } : init;
      const response = await (sender ? sender(fetchImpl, url, request) : fetchImpl(url, request));
      return [response, response.ok ? await (decode ?? readJson)(response) : await response.text()];
    } catch (error) {
      if (error instanceof ExpysError) throw error;
      if (signal?.aborted) throw aborted(signal);
      const where = `${init.method} ${new URL(url).pathname}`;
      if (controller?.signal.aborted) throw new ExpysTimeoutError(`${where}: no answer within ${timeout} ms`);
      throw new ExpysConnectionError(`${where}: ${redact(String(error), secrets)}`, { cause: error });
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    }
  }

  return {
    request: (request, callOptions) => new ApiPromise(send(request, callOptions)),
    paginate: (request, callOptions) =>
      new PagePromise(
        send(request, callOptions),
        (page) => {
          const cursor = valueAt(page, request.paging.nextCursorField);
          return cursor ? new ApiPromise(send({ ...request, query: { ...request.query, [request.paging.cursorParam]: cursor } }, callOptions)) : undefined;
        },
        (page) => (valueAt(page, request.paging.itemsField) as never[] | undefined) ?? [],
      ),
    stream: (request, callOptions) =>
      openStream(request, {
        url: buildUrl(baseUrl, request),
        fetch: fetchImpl,
        backoff: options.backoff,
        signal: callOptions?.signal,
        errorCodes,
        secrets,
        headers: async (staleToken) => {
          if (staleToken) await Promise.all(Object.values(config.auth).map((credential) => credential?.refresh?.(staleToken)));
          return prepare(request, callOptions);
        },
      }),
  };
}

/** The body of a successful answer in JSON, as the API's answers are unless an operation says otherwise. */
function readJson(response: Response): Promise<unknown> {
  return response.json().catch((error: unknown) => {
    throw new ExpysError(`the ${response.status} answer's body is not JSON`, { cause: error });
  });
}
