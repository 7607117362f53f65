import { type Connect, fullJitterDelay, isEventStream, parseRetryAfter } from "@expys/sse";
import type { ApiFacts } from "./api-facts.ts";
import { ApiPromise, type ApiResponse } from "./api-promise.ts";
import { attempter } from "./attempt.ts";
import type { ClientOptions, RequestOptions } from "./client-options.ts";
import { direct } from "./credentials.ts";
import { apiErrorOf } from "./error-response.ts";
import { ExpysAbortError, ExpysApiError, ExpysArgumentError, ExpysError } from "./errors.ts";
import { checkHeaderValue } from "./header-value.ts";
import { createLog } from "./logger.ts";
import type { OperationRequest, PagedRequest, Security, StreamRequest } from "./operation.ts";
import type { Prepared } from "./prepared.ts";
import { PagePromise } from "./page-promise.ts";
import { redactor } from "./redact.ts";
import { shouldRetryStatus, sleep } from "./retry-policy.ts";
import { openStream } from "./stream.ts";
import { buildUrl, checkBaseUrl } from "./url.ts";
import { sdkClient } from "../version.ts";

/** What generated methods call. */
export interface Client {
  sendRequest<T>(request: OperationRequest, options?: RequestOptions): ApiPromise<T>;
  paginateRequest<Page, Item>(request: PagedRequest<Page, Item>, options?: RequestOptions): PagePromise<Page, Item>;
  streamRequest<T>(request: StreamRequest, options?: RequestOptions): AsyncIterable<T>;
}

interface ResolvedOptions extends ClientOptions {
  environment?: string | undefined;
  baseUrl?: string | undefined;
}

/** `value`, when it is a whole number >= 0. */
function count(name: string, value: number): number {
  if (Number.isInteger(value) && value >= 0) return value;
  throw new ExpysArgumentError(`${name} must be a whole number >= 0`);
}

/**
 * Builds the runtime behind one generated client, from the client's options,
 * the API's facts and its default security requirement (see `Security`).
 */
export function createClient(options: ResolvedOptions, api: ApiFacts, security: Security): Client {
  const fetchImpl: typeof fetch = options.fetch ?? ((input, init) => fetch(input, init));
  const { environments, clientHeader } = api;
  const environment = options.environment ?? "";
  const baseUrl = options.baseUrl || environments[environment] || "";
  if (!baseUrl) throw new ExpysArgumentError(`environment ${JSON.stringify(environment)} is not one of ${Object.keys(environments)}`);
  const { host } = checkBaseUrl(baseUrl);
  const maxRetryAfterMs = count("maxRetryAfterMs", options.maxRetryAfterMs ?? 60_000);
  // Checked once here: retries and stream reconnects draw their delays unchecked.
  count("backoff.baseMs", options.backoff?.baseMs ?? 0);
  count("backoff.capMs", options.backoff?.capMs ?? 0);
  const secrets = new Set<string>();
  const redact = redactor(secrets);
  const log = createLog(options.logger ?? console, options.logLevel ?? "warn", redact);
  // The SDK names itself last, so that no other header replaces it.
  const ownHeaders = clientHeader ? { [clientHeader]: sdkClient } : undefined;
  /** A request to `where` got no answer, because of `cause` (a system error code, or what happened instead). */
  const unreachable = (where: string, cause: string): string => `${where}: could not reach ${host} (${redact(cause)})`;
  const attempt = attempter(fetchImpl, unreachable);

  /**
   * One attempt's request: client, per-call and operation headers (later ones
   * win), the credentials of the first satisfiable security alternative, and
   * the encoded body; every header value checked before anything is sent.
   */
  async function prepare(request: OperationRequest, callOptions: RequestOptions | undefined): Promise<Prepared> {
    const headers: Record<string, string> = {};
    for (const source of [options.headers, callOptions?.headers, request.headerParams, ownHeaders]) {
      for (const name in source) if (source[name] != null) headers[name.toLowerCase()] = String(source[name]);
    }
    const query: Record<string, unknown> = {};
    let send = direct;
    let renew: Prepared["renew"];
    for (const credential of (request.security ?? security).find((alternative) => alternative.every(Boolean)) ?? []) {
      renew = (await credential!.authorize(headers, query, secrets)) ?? renew;
      send = credential!.sender ?? send;
    }
    let body: BodyInit | null = null;
    if (request.requestBody !== undefined) {
      const encoded = request.encodeBody?.(request.requestBody) ?? { encodedBody: JSON.stringify(request.requestBody), mediaType: "application/json" };
      body = encoded.encodedBody;
      if (encoded.mediaType) headers["content-type"] = encoded.mediaType;
    }
    for (const name in headers) checkHeaderValue(name, headers[name]!);
    return { requestInit: { method: request.route.split(" ")[0]!, headers, body }, requestUrl: buildUrl(baseUrl, request, query), sender: send, renew };
  }

  /**
   * Whether `error` says the token `prepared` carried expired, which is then
   * dropped, so the request is worth repeating at once with a fresh one. Not
   * when the token was itself fetched after an expiry (`again`): a second
   * expiry in a row means the provider hands out expired tokens. Once the API
   * accepts a token, a later expiry is a new one and earns its own refresh.
   */
  function renewed(error: ExpysApiError, { renew }: Prepared, again: boolean, route: string): boolean {
    if (error.code !== api.refreshCredentialCode || !renew || again) return false;
    log("info", `${route}: token expired, refreshing it`);
    renew();
    return true;
  }

  /**
   * How a stream connects, for one iteration (see `openStream`): this
   * client's request for every connection, the event stream's headers added,
   * and what an answer other than a stream means: its `ExpysApiError`,
   * reconnected after backoff when it can pass, at once after a token refresh.
   */
  function connector(request: StreamRequest, callOptions: RequestOptions | undefined): Connect {
    let expired = false;
    return async ({ fetch, watch, headers }) => {
      const prepared = await prepare(request, callOptions);
      Object.assign(prepared.requestInit.headers, headers);
      const response = await prepared.sender(fetch as typeof globalThis.fetch, prepared.requestUrl, prepared.requestInit);
      if (isEventStream(response)) {
        expired = false;
        return response;
      }
      // 204: the API asks the client to stop.
      if (response.status === 204) return undefined;
      // The stream's idle watchdog bounds reading the body (a stall is no answer); one that breaks off leaves the answer as it is.
      const error = apiErrorOf(response, await watch(response.text().catch(() => "")), api, redact);
      expired = renewed(error, prepared, expired, request.route);
      // A fresh token is tried at once; otherwise the session waits for Retry-After, which it caps at
      // maxRetryAfterMs as it caps a stream's own `retry:` hint.
      return { error, retry: expired ? "now" : error.retryable, retryAfterMs: parseRetryAfter(response.headers.get("Retry-After"), { capMs: Infinity }) };
    };
  }

  async function send<T>(request: OperationRequest, callOptions: RequestOptions | undefined): Promise<ApiResponse<T>> {
    const signal = callOptions?.signal;
    const where = request.route;
    const maxRetries = count("maxRetries", callOptions?.maxRetries ?? options.maxRetries ?? 2);
    // One minute by default bounds a hung connection or a stalled body while leaving a slow mobile
    // network, or a server's cold start, room to answer: the API's answers are small JSON documents
    // that normally take well under a second.
    const timeout = count("timeout", callOptions?.timeout ?? options.timeout ?? 60_000);
    const repeatable = request.repeatable !== false;
    /** The last attempt carried a token fetched after an expiry (see `renewed`). */
    let expired = false;
    for (let retries = 0; ; ) {
      const prepared = await prepare(request, callOptions);
      log("debug", `${where} attempt ${retries + 1}`);
      let failure: ExpysError;
      let wait: number | undefined;
      try {
        const [response, data] = await attempt(prepared, request.decodeBody, timeout, signal, where);
        if (response.ok) return { data: data as T, response, requestId: (api.requestIdHeader && response.headers.get(api.requestIdHeader)) || undefined };
        const error = apiErrorOf(response, data as string, api, redact);
        // Any other answer means the API took the token (a 401 is never retried).
        // biome-ignore lint/suspicious/noAssignInExpressions: the refresh decides the state and the retry at once.
        if ((expired = renewed(error, prepared, expired, request.route))) continue;
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
      wait ??= fullJitterDelay(retries, options.backoff);
      retries += 1;
      log("info", `${where} failed (${failure.message}); retry ${retries} of ${maxRetries} in ${wait} ms`);
      await sleep(wait, signal);
    }
  }

  return {
    sendRequest: (request, callOptions) => new ApiPromise(send(request, callOptions)),
    paginateRequest: <Page, Item>(request: PagedRequest<Page, Item>, callOptions: RequestOptions | undefined) =>
      new PagePromise<Page, Item>(
        send(request, callOptions),
        (page) => {
          const cursor = request.paging.nextCursorOf(page);
          return cursor
            ? new ApiPromise(send({ ...request, queryParams: { ...request.queryParams, [request.paging.cursorParam]: cursor } }, callOptions))
            : undefined;
        },
        request.paging.itemsOf,
      ),
    streamRequest: (request, callOptions) => {
      // A bad path value is refused at the call, as for every other method.
      buildUrl(baseUrl, request);
      return openStream(
        request,
        () => connector(request, callOptions),
        { fetch: fetchImpl, backoff: options.backoff, maxRetryAfterMs, signal: callOptions?.signal },
        log,
        unreachable,
      );
    },
  };
}
