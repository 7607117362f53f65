export { ApiPromise, type ApiResponse } from "./api-promise.ts";
export { createClient, type AuthEntry, type Client, type ClientConfig, type ClientOptions, type RequestOptions, type TokenSource } from "./client.ts";
export { ExpysApiError, ExpysError, type ApiErrorDetails } from "./errors.ts";
export type { OperationRequest, PagedRequest, QueryStyle, StreamRequest } from "./operation.ts";
export { PagePromise } from "./page-promise.ts";
export type { ServerSentEvent } from "@expys/sse";
