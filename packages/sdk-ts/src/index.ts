export { initialize, type ExpysClient, type InitializeOptions } from "./generated/client.ts";
export { apiVersion, environments, type Environment } from "./generated/metadata.ts";
export type * from "./generated/types.ts";
export {
  ApiPromise,
  ExpysApiError,
  ExpysError,
  PagePromise,
  type ApiResponse,
  type ClientOptions,
  type RequestOptions,
  type TokenSource,
} from "./runtime/index.ts";
