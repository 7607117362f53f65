import { ApiPromise, type ApiResponse } from "./api-promise.ts";
import { ExpysApiError, ExpysError } from "./errors.ts";
import type { OperationRequest, PagedRequest, StreamRequest } from "./operation.ts";
import { PagePromise } from "./page-promise.ts";
import { openStream } from "./stream.ts";
import { buildUrl } from "./url.ts";

/** A bearer token, or a function returning one; the function is asked again when the token expires. */
export type TokenSource = string | (() => string | Promise<string>);

/** Options every generated client accepts. */
export interface ClientOptions {
  /** A `fetch` to use instead of the global one (for proxies, instrumentation or tests). */
  fetch?: typeof fetch | undefined;
  /** Headers sent with every request. */
  headers?: Readonly<Record<string, string>> | undefined;
}

/** Per-call options. */
export interface RequestOptions {
  /** Aborts the call. */
  signal?: AbortSignal | undefined;
  /** Headers for this call only. */
  headers?: Readonly<Record<string, string>> | undefined;
}

/** How one security scheme is applied; generated code fills in the values from the options. */
export type AuthEntry =
  | { kind: "bearer"; value: TokenSource | undefined }
  | { kind: "apiKey"; in: "header" | "query" | "cookie"; name: string; value: string | undefined }
  | { kind: "basic"; value: { username: string; password: string } | undefined };

/** The facts of the API that generated code passes to the runtime. */
export interface ClientConfig {
  environments: Readonly<Record<string, string>>;
  auth: Readonly<Record<string, AuthEntry>>;
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

/** Builds the runtime behind one generated client. */
export function createClient(options: ResolvedOptions, config: ClientConfig): Client {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const baseUrl = resolveBaseUrl(options, config);

  async function authenticate(request: OperationRequest, headers: Headers, query: Record<string, unknown>): Promise<void> {
    const requirement = (request.security ?? config.security).find((alternative) => alternative.every((id) => config.auth[id]?.value !== undefined));
    for (const id of requirement ?? []) {
      const entry = config.auth[id];
      if (entry?.kind === "bearer" && entry.value !== undefined) {
        headers.set("Authorization", `Bearer ${typeof entry.value === "function" ? await entry.value() : entry.value}`);
      } else if (entry?.kind === "apiKey" && entry.value !== undefined) {
        if (entry.in === "header") headers.set(entry.name, entry.value);
        else if (entry.in === "query") query[entry.name] = entry.value;
        else headers.append("Cookie", `${entry.name}=${encodeURIComponent(entry.value)}`);
      } else if (entry?.kind === "basic" && entry.value) {
        headers.set("Authorization", `Basic ${btoa(`${entry.value.username}:${entry.value.password}`)}`);
      }
    }
  }

  /** Default, per-call, operation and credential headers, in increasing precedence. */
  async function headersFor(request: OperationRequest, callOptions: RequestOptions | undefined, authQuery: Record<string, unknown>): Promise<Headers> {
    const headers = new Headers(options.headers);
    for (const [name, value] of Object.entries(callOptions?.headers ?? {})) headers.set(name, value);
    for (const [name, value] of Object.entries(request.headers ?? {})) if (value !== undefined && value !== null) headers.set(name, String(value));
    await authenticate(request, headers, authQuery);
    return headers;
  }

  async function send<T>(request: OperationRequest, options: RequestOptions | undefined): Promise<ApiResponse<T>> {
    const authQuery: Record<string, unknown> = {};
    const headers = await headersFor(request, options, authQuery);
    const url = buildUrl(baseUrl, request, authQuery);
    const init: RequestInit = { method: request.method, headers, signal: options?.signal ?? null };
    if (request.body !== undefined) {
      headers.set("Content-Type", "application/json");
      init.body = JSON.stringify(request.body);
    }
    const response = await fetchImpl(url, init);
    const requestId = response.headers.get("X-Request-Id") ?? undefined;
    if (!response.ok) throw await apiErrorOf(response);
    const data = (response.status === 204 || request.responseEncoding === "none" ? undefined : await response.json()) as T;
    return { data, response, requestId };
  }

  return {
    request: (request, callOptions) => new ApiPromise(send(request, callOptions)),
    paginate<Page, Item>(request: PagedRequest, callOptions?: RequestOptions): PagePromise<Page, Item> {
      const fetchPage = (cursor: string): ApiPromise<Page> =>
        new ApiPromise(send<Page>({ ...request, query: { ...request.query, [request.paging.cursorParam]: cursor } }, callOptions));
      return new PagePromise<Page, Item>(send<Page>(request, callOptions), fetchPage, request.paging);
    },
    stream: (request, callOptions) =>
      openStream(request, {
        baseUrl,
        fetch: fetchImpl,
        // Last-Event-ID is @expys/sse's to send: it tracks the id across reconnects.
        headers: () => headersFor({ ...request, headers: withoutHeader(request.headers, request.resumeHeader) }, callOptions, {}),
        signal: callOptions?.signal,
      }),
  };
}

function withoutHeader(headers: Readonly<Record<string, unknown>> = {}, name: string | undefined): Record<string, unknown> {
  return Object.fromEntries(Object.entries(headers).filter(([key]) => key.toLowerCase() !== name?.toLowerCase()));
}

function resolveBaseUrl(options: ResolvedOptions, config: ClientConfig): string {
  if (options.baseUrl) return options.baseUrl;
  const environment = options.environment ?? (Object.keys(config.environments).length === 1 ? Object.keys(config.environments)[0] : undefined);
  const url = environment === undefined ? undefined : config.environments[environment];
  if (url === undefined) {
    throw new ExpysError(`unknown environment ${JSON.stringify(options.environment)}: use one of ${Object.keys(config.environments).join(", ")}, or pass baseUrl`);
  }
  return url;
}

async function apiErrorOf(response: Response): Promise<ExpysApiError> {
  const body = (await response.json().catch(() => undefined)) as Record<string, unknown> | undefined;
  const text = (key: string): string | undefined => (typeof body?.[key] === "string" ? (body[key] as string) : undefined);
  return new ExpysApiError({
    status: response.status,
    code: text("code") ?? "unknown",
    message: text("message") ?? `HTTP ${response.status}`,
    requestId: text("requestId") ?? response.headers.get("X-Request-Id") ?? undefined,
    retryable: body?.retryable === true,
    param: text("param"),
    headers: response.headers,
  });
}
