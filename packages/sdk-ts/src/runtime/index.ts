export type { ApiFacts } from "./api-facts.ts";
export { ApiPromise, type ApiResponse } from "./api-promise.ts";
export { createClient, type Client } from "./client.ts";
export type { ClientOptions, RequestOptions, TokenSource } from "./client-options.ts";
export { apiKeyAuth, basicAuth, bearerAuth, type Credential } from "./credentials.ts";
export { cookies } from "./cookies.ts";
export { idempotencyKey } from "./idempotency-key.ts";
export { jsonEvent, taggedEvent, textEvent, type EventDecoder } from "./event-decoders.ts";
export { binaryResponse, emptyResponse, textResponse, type BodyDecoder } from "./decode-body.ts";
export { binaryBody, formBody, multipartBody, textBody, type BodyEncoder } from "./encode-body.ts";
export {
  ExpysAbortError,
  ExpysApiError,
  ExpysArgumentError,
  ExpysConnectionError,
  ExpysError,
  ExpysTimeoutError,
  type ApiErrorDetails,
} from "./errors.ts";
export type { Logger, LogLevel } from "./logger.ts";
export type { OperationRequest, PagedRequest, Security, StreamRequest } from "./operation.ts";
export { PagePromise } from "./page-promise.ts";
export { commaQuery, deepObjectQuery, explodeQuery, pipeQuery, spaceQuery } from "./query-styles.ts";
export type { BackoffOptions, ServerSentEvent } from "@expys/sse";
