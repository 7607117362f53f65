import type { ErrorCode } from "./generated/types.ts";
import { type ApiErrorDetails, ExpysApiError as UntypedApiError } from "./runtime/index.ts";

export { initialize, type ExpysClient, type InitializeOptions } from "./generated/client.ts";
export { apiVersion, environments, errorCodes, type Environment } from "./generated/metadata.ts";
export type * from "./generated/types.ts";
export {
  ApiPromise,
  ExpysAbortError,
  ExpysArgumentError,
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

/**
 * The API answered with an error status. Branch on `code` (this API's
 * {@link ErrorCode}s, or `"unknown"` for an answer that is not one of the
 * API's own error bodies), or on `status`; `retryable` says whether repeating
 * the same call can succeed.
 */
export type ExpysApiError = UntypedApiError<ErrorCode>;
// Typed through `prototype`, which is what `instanceof` narrows to.
export const ExpysApiError: { new (details: ApiErrorDetails<ErrorCode>): ExpysApiError; readonly prototype: ExpysApiError } = UntypedApiError;
