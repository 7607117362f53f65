export { initialize, type ExpysClient, type InitializeOptions } from "./generated/client.ts";
export { apiVersion, environments, errorCodes, type Environment } from "./generated/metadata.ts";
export type * from "./generated/types.ts";
export {
  ApiPromise,
  ExpysAbortError,
  ExpysApiError,
  ExpysConnectionError,
  ExpysError,
  ExpysTimeoutError,
  PagePromise,
  type ApiResponse,
  type BackoffOptions,
  type ClientOptions,
  type Logger,
  type LogLevel,
  type RequestOptions,
  type TokenSource,
} from "./runtime/index.ts";
export { sdkVersion } from "./version.ts";
