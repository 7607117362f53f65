import { fullJitterBackoff, parseRetryAfter } from "@expys/sse";
import type { ApiFacts } from "./api-facts.ts";
import { ApiPromise, type ApiResponse } from "./api-promise.ts";
import { attempt } from "./attempt.ts";
import type { ClientOptions, RequestOptions } from "./client-options.ts";
import type { Credential } from "./credentials.ts";
import { apiErrorOf } from "./error-response.ts";
import { ExpysAbortError, ExpysApiError, ExpysArgumentError, ExpysError } from "./errors.ts";
import { checkHeaderValue } from "./header-value.ts";
import { idempotencyKey } from "./idempotency-key.ts";
import { createLog } from "./logger.ts";
import type { OperationRequest, PagedRequest, StreamRequest } from "./operation.ts";
import { PagePromise } from "./page-promise.ts";
import { redactor } from "./redact.ts";
import { isRepeatable, shouldRetryStatus, sleep } from "./retry-policy.ts";
import { openStream } from "./stream.ts";
import { buildUrl, checkBaseUrl } from "./url.ts";
import { sdkVersion } from "../version.ts";

/** The facts of the API that generated code passes to the runtime. */
export interface ClientConfig {
  environments: Readonly<Record<string, string>>;
  api: ApiFacts;
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
  throw new ExpysArgumentError(`${name} must be a whole number >= 0`);
}

/** Reads a value at a path of fields, such as a page's `nextCursor`. */
const valueAt = (value: unknown, path: readonly string[]): unknown =>
  path.reduce<unknown>((current, field) => (current as Record<string, unknown> | null | undefined)?.[field], value);

/**
 * One minute bounds a hung connection or a stalled body while leaving a slow
 * mobile network, or a server's cold start, room to answer: the API's answers
 * are small JSON documents that normally take well under a second.
 */
const defaultTimeoutMs = 60_000;

/** Builds the runtime behind one generated client. */
export function createClient(options: ResolvedOptions, config: ClientConfig): Client {
  const fetchImpl: typeof fetch = options.fetch ?? ((input, init) => fetch(input, init));
  const { environments, api } = config;
  const names = Object.keys(environments);
  const environment = options.environment ?? (names.length === 1 ? names[0]! : "");
  const baseUrl = options.baseUrl || environments[environment] || "";
  if (!baseUrl) throw new ExpysArgumentError(`unknown environment ${JSON.stringify(environment)}: pass one of ${names} or a baseUrl`);
  const { host } = checkBaseUrl(baseUrl);
  const maxRetryAfterMs = count("maxRetryAfterMs", options.maxRetryAfterMs, 60_000);
  const secrets = new Set<string>();
  const redact = redactor(secrets);
  const log = createLog(options.logger ?? console, options.logLevel ?? "warn", redact);
  const debug = options.logLevel === "debug";
  const clientId = `@expys/sdk/${sdkVersion}`;

  /** Client, per-call and operation headers (later ones win), then the credentials of the first satisfiable security alternative. */
  async function prepare(request: OperationRequest, callOptions: RequestOptions | undefined) {
    const headers: Record<string, string> = {};
    for (const source of [options.headers, callOptions?.headers, request.headers]) {
      for (const name in source) if (source[name] != null) headers[name.toLowerCase()] = String(source[name]);
    }
    if (api.clientHeader) headers[api.clientHeader.toLowerCase()] = clientId;
    const query: Record<string, unknown> = {};
    const used: { token?: string; refresh?: Credential["refresh"]; send?: Credential["send"] } = {};
    for (const id of (request.security ?? config.security).find((alternative) => alternative.every((scheme) => config.auth[scheme])) ?? []) {
      const credential = config.auth[id]!;
      const token = await credential.apply(headers, query, secrets);
      if (token) Object.assign(used, { token, refresh: credential.refresh });
      used.send = credential.send ?? used.send;
    }
    for (const name in headers) checkHeaderValue(name, headers[name]!);
    return { headers, url: buildUrl(baseUrl, request, query), ...used };
  }

  async function send<T>(request: OperationRequest, callOptions: RequestOptions | undefined): Promise<ApiResponse<T>> {
    const signal = callOptions?.signal;
    const maxRetries = count("maxRetries", callOptions?.maxRetries ?? options.maxRetries, 2);
    const timeout = count("timeout", callOptions?.timeout ?? options.timeout, defaultTimeoutMs);
    const keyHeader = request.idempotencyHeader;
    // One key for every attempt of this call, so the server tells a retry from a new write.
    const key = keyHeader && String(request.idempotencyKey ?? idempotencyKey());
    const operation = keyHeader ? { ...request, headers: { ...request.headers, [keyHeader]: key } } : request;
    const repeatable = isRepeatable(request.method, Boolean(key));
    // Whether the last attempt carried a token fetched after an expiry. A second
    // expiry for it means the provider hands out expired tokens: stop. Once the
    // API accepts the new token, a later expiry (during a long retry wait, say)
    // is a new one and earns its own refresh; retries bound the total.
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
        const [response, data] = await attempt(url, init, {
          fetch: fetchImpl,
          send: sender,
          decode: request.decodeBody,
          timeout,
          signal,
          redact,
          where: `${request.method} ${request.path}`,
          host,
        });
        if (response.ok) return { data: data as T, response, requestId: (api.requestIdHeader && response.headers.get(api.requestIdHeader)) || undefined };
        const error = apiErrorOf(response.status, response.headers, data as string, api, redact);
        if (error.code === api.refreshCredentialCode && refresh && token && !refreshed) {
          refreshed = true;
          log("info", `${request.path}: token expired, refreshing it`);
          await refresh(token);
          continue;
        }
        // Any other answer means the API took the token (a 401 is never retried).
        refreshed = false;
        wait = parseRetryAfter(response.headers.get("Retry-After"), { capMs: Infinity });
        if (retries >= maxRetries || !shouldRetryStatus(error.status, error.code === api.retryInFlightCode, repeatable) || (wait ?? 0) > maxRetryAfterMs) {
          throw error;
        }
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
        throw new ExpysAbortError("aborted", { cause: signal?.reason });
      });
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
        api,
        redact,
        headers: async (staleToken) => {
          if (staleToken) await Promise.all(Object.values(config.auth).map((credential) => credential?.refresh?.(staleToken)));
          return prepare(request, callOptions);
        },
      }),
  };
}
