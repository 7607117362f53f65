import { fullJitterBackoff, parseRetryAfter, type BackoffOptions } from "@expys/sse";
import { sdkVersion } from "../version.ts";
import { ApiPromise, type ApiResponse } from "./api-promise.ts";
import type { Credential } from "./credentials.ts";
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
  /** How many times a failed call is retried when a retry can help. Default 2 (three attempts in all). */
  maxRetries?: number | undefined;
  /** How long one attempt may take, in ms, before it is abandoned (and retried if it can be). Default 60,000. */
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

/** Sets a header, refusing a value with a line break (header injection), naming only the header. */
function setHeader(headers: Headers, name: string, value: unknown): void {
  if (value === undefined || value === null) return;
  const text = String(value);
  if (/[\r\n\0]/.test(text)) throw new ExpysError(`the ${name} header value contains a line break or NUL, which HTTP forbids`);
  headers.set(name, text);
}

function checkCount(name: string, value: number | undefined): void {
  if (value !== undefined && !(Number.isInteger(value) && value >= 0)) throw new RangeError(`${name} must be a whole number >= 0, got ${String(value)}`);
}

/** Builds the runtime behind one generated client. */
export function createClient(options: ResolvedOptions, config: ClientConfig): Client {
  for (const name of ["maxRetries", "timeout", "maxRetryAfterMs"] as const) checkCount(name, options[name]);
  const fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const baseUrl = resolveBaseUrl(options, config);
  const secrets = new Set<string>();
  const log = createLog(options.logger ?? console, options.logLevel ?? "warn", () => [...secrets]);
  const fetchFollowing = (url: URL, init: RequestInit, credentialHeaders: readonly string[]) => fetchFollowingWith(fetchImpl, url, init, credentialHeaders);

  /** Applies the first security alternative the client has every credential for. */
  async function authenticate(request: OperationRequest, headers: Headers, query: Record<string, unknown>) {
    const requirement = (request.security ?? config.security).find((alternative) => alternative.every((id) => config.auth[id]));
    const used: { token?: string | undefined; refresh?: Credential["refresh"]; headers: string[] } = { headers: [] };
    for (const id of requirement ?? []) {
      const credential = config.auth[id]!;
      const token = await credential.apply(headers, query, secrets);
      used.headers.push(credential.header);
      if (token !== undefined) Object.assign(used, { token, refresh: credential.refresh });
    }
    return used;
  }

  /** Client, per-call and operation headers (later ones win), then credentials. */
  async function prepare(request: OperationRequest, callOptions: RequestOptions | undefined) {
    const headers = new Headers();
    for (const source of [options.headers, callOptions?.headers, request.headers]) {
      for (const [name, value] of Object.entries(source ?? {})) setHeader(headers, name, value);
    }
    setHeader(headers, "X-Expys-Client", `@expys/sdk/${sdkVersion}`);
    if (request.cookies) {
      const cookies = Object.entries(request.cookies).filter(([, value]) => value !== undefined && value !== null);
      if (cookies.length > 0) headers.append("Cookie", cookies.map(([name, value]) => `${name}=${encodeURIComponent(String(value))}`).join("; "));
    }
    const query: Record<string, unknown> = {};
    const credentials = await authenticate(request, headers, query);
    return { headers, url: buildUrl(baseUrl, request, query), credentials };
  }

  async function send<T>(request: OperationRequest, callOptions: RequestOptions | undefined): Promise<ApiResponse<T>> {
    const signal = callOptions?.signal;
    const maxRetries = callOptions?.maxRetries ?? options.maxRetries ?? 2;
    const timeout = callOptions?.timeout ?? options.timeout ?? 60_000;
    checkCount("maxRetries", maxRetries);
    checkCount("timeout", timeout);
    const keyHeader = request.idempotencyHeader;
    const providedKey = keyHeader ? Object.entries(request.headers ?? {}).find(([name]) => name.toLowerCase() === keyHeader.toLowerCase())?.[1] : undefined;
    // One key for every attempt of this call, so the server can tell a retry from a new write.
    const key = keyHeader ? String(providedKey ?? idempotencyKey()) : undefined;
    const operation = keyHeader && key ? { ...request, headers: { ...request.headers, [keyHeader]: key } } : request;
    const repeatable = isRepeatable(request.method, key !== undefined);
    const label = `${request.method} ${request.path}`;
    let refreshed = false;
    for (let retries = 0; ; ) {
      const { headers, url, credentials } = await prepare(operation, callOptions);
      if (request.responseEncoding === undefined) headers.set("Accept", "application/json");
      const init: RequestInit = { method: request.method, headers };
      if (request.body !== undefined) {
        const { body, contentType } = request.encodeBody?.(request.body) ?? { body: JSON.stringify(request.body), contentType: "application/json" };
        init.body = body;
        if (contentType) headers.set("Content-Type", contentType);
      }
      log("debug", `${label} attempt ${retries + 1}`);
      let failure: ExpysError;
      let retryAfterMs: number | undefined;
      try {
        const { response, data } = await attempt(url, init, credentials.headers, request.responseEncoding, timeout, signal);
        const requestId = response.headers.get("X-Request-Id") ?? undefined;
        if (response.ok) return { data: data as T, response, requestId };
        const error = apiErrorOf(response.status, response.headers, data as string, config.errorCodes ?? {}, [...secrets]);
        if (error.status === 401 && error.code === "token_expired" && credentials.refresh && credentials.token && !refreshed) {
          refreshed = true;
          log("info", `${label}: the token expired; asking the token provider for a new one`);
          await credentials.refresh(credentials.token);
          continue;
        }
        if (retries >= maxRetries || !shouldRetryStatus(error.status, error.code, repeatable)) throw error;
        failure = error;
        retryAfterMs = parseRetryAfter(response.headers.get("Retry-After"), { capMs: Number.POSITIVE_INFINITY });
        if (retryAfterMs !== undefined && retryAfterMs > (options.maxRetryAfterMs ?? 60_000)) throw error;
      } catch (error) {
        if (error instanceof ExpysApiError || error instanceof ExpysAbortError || !(error instanceof ExpysError)) throw error;
        if (retries >= maxRetries || !repeatable) throw error;
        failure = error;
      }
      const delay = retryAfterMs ?? fullJitterBackoff(retries, options.backoff);
      retries += 1;
      log("info", `${label} failed (${failure.message}); retry ${retries} of ${maxRetries} in ${delay} ms`);
      await sleep(delay, signal).catch((reason: unknown) => {
        throw new ExpysAbortError("the call was aborted", { cause: reason });
      });
    }
  }

  /** One fetch, with the body read, bounded by `timeout` and the caller's signal; leaves no timer or listener. */
  async function attempt(url: URL, init: RequestInit, credentialHeaders: readonly string[], encoding: OperationRequest["responseEncoding"], timeout: number, signal: AbortSignal | undefined) {
    if (signal?.aborted) throw new ExpysAbortError("the call was aborted", { cause: signal.reason });
    const controller = new AbortController();
    const onAbort = (): void => controller.abort(signal?.reason);
    signal?.addEventListener("abort", onAbort, { once: true });
    let timedOut = false;
    const timer =
      timeout > 0
        ? setTimeout(() => {
            timedOut = true;
            controller.abort();
          }, timeout)
        : undefined;
    try {
      const response = await fetchFollowing(url, { ...init, signal: controller.signal }, credentialHeaders);
      const data = response.ok ? await readBody(response, encoding) : await response.text().catch(() => "");
      return { response, data };
    } catch (error) {
      if (error instanceof ExpysError) throw error;
      if (signal?.aborted) throw new ExpysAbortError("the call was aborted", { cause: signal.reason });
      if (timedOut) throw new ExpysTimeoutError(`${init.method} ${url.pathname} got no answer within ${timeout} ms`);
      const detail = redact(error instanceof Error ? error.message : String(error), [...secrets]);
      throw new ExpysConnectionError(`${init.method} ${url.pathname} could not reach ${url.origin}: ${detail}`, { cause: error });
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    }
  }

  return {
    request: (request, callOptions) => new ApiPromise(send(request, callOptions)),
    paginate<Page, Item>(request: PagedRequest, callOptions?: RequestOptions): PagePromise<Page, Item> {
      const fetchPage = (cursor: string): ApiPromise<Page> =>
        new ApiPromise(send<Page>({ ...request, query: { ...request.query, [request.paging.cursorParam]: cursor } }, callOptions));
      return new PagePromise<Page, Item>(send<Page>(request, callOptions), fetchPage, request.paging);
    },
    stream(request, callOptions) {
      const resume = request.resumeHeader?.toLowerCase();
      // Last-Event-ID is @expys/sse's to send: it tracks the id across reconnects.
      const operation = { ...request, headers: Object.fromEntries(Object.entries(request.headers ?? {}).filter(([name]) => name.toLowerCase() !== resume)) };
      return openStream(request, {
        url: buildUrl(baseUrl, operation),
        fetch: fetchImpl,
        backoff: options.backoff,
        signal: callOptions?.signal,
        errorCodes: config.errorCodes ?? {},
        secrets: () => [...secrets],
        headers: async (staleToken) => {
          if (staleToken) await Promise.all(Object.values(config.auth).map((credential) => credential?.refresh?.(staleToken)));
          const { headers, credentials } = await prepare(operation, callOptions);
          return { headers, token: credentials.token };
        },
      });
    },
  };
}

/**
 * Fetch drops `Authorization` when a redirect leaves the origin, but not other
 * credentials (an API key header, a cookie). Requests that carry those follow
 * redirects here instead, dropping every credential on a change of origin.
 */
async function fetchFollowingWith(fetchImpl: typeof fetch, url: URL, init: RequestInit, credentialHeaders: readonly string[]): Promise<Response> {
  if (credentialHeaders.every((name) => name === "Authorization")) return fetchImpl(url, init);
  let target = url;
  let request = { ...init, redirect: "manual" as const };
  for (let hops = 0; ; hops += 1) {
    const response = await fetchImpl(target, request);
    const location = response.headers.get("Location");
    if (response.status < 300 || response.status > 399 || location === null) return response;
    await response.body?.cancel();
    if (hops === 20) throw new ExpysConnectionError(`${init.method} ${url.pathname} was redirected too many times`);
    const next = new URL(location, target);
    const headers = new Headers(request.headers);
    if (next.origin !== url.origin) for (const name of credentialHeaders) headers.delete(name);
    // Per fetch, 303 (and 301/302 after a POST) turn the request into a bodiless GET.
    const toGet = response.status === 303 || ((response.status === 301 || response.status === 302) && request.method === "POST");
    request = toGet ? { ...request, method: "GET", body: null, headers } : { ...request, headers };
    if (toGet) headers.delete("Content-Type");
    target = next;
  }
}

async function readBody(response: Response, encoding: OperationRequest["responseEncoding"]): Promise<unknown> {
  if (encoding === "none" || response.status === 204) {
    await response.body?.cancel();
    return undefined;
  }
  if (encoding === "text") return response.text();
  if (encoding === "binary") return response.blob();
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch {
    throw new ExpysError(`the API answered ${response.status} with a body that is not JSON`);
  }
}

function resolveBaseUrl(options: ResolvedOptions, config: ClientConfig): string {
  if (options.baseUrl) return options.baseUrl;
  const names = Object.keys(config.environments);
  const environment = options.environment ?? (names.length === 1 ? names[0] : undefined);
  const url = environment === undefined ? undefined : config.environments[environment];
  if (url === undefined) {
    throw new ExpysError(`unknown environment ${JSON.stringify(options.environment)}: use one of ${names.join(", ")}, or pass baseUrl`);
  }
  return url;
}
