// The property names scripts/mangle-dist.ts shortens in dist/, apart from the
// script so that a test can read them without running it.

/**
 * Only names no public type, no platform object and no other package uses:
 * a name like `url`, `query` or `apply` would also rename what a Response, a
 * caller or a function holds under it.
 */
export const INTERNAL_PROPERTIES = [
  // Client (runtime/client.ts), what generated methods call.
  "sendRequest",
  "paginateRequest",
  "streamRequest",
  // OperationRequest, PagedRequest and StreamRequest (runtime/operation.ts).
  "route",
  "pathParams",
  "queryParams",
  "headerParams",
  "requestBody",
  "paging",
  "cursorParam",
  "itemsOf",
  "nextCursorOf",
  "declaredEvents",
  "resumeAfterId",
  "idleTimeoutMs",
  "repeatable",
  "encodeBody",
  "decodeBody",
  "security",
  "server",
  // What a BodyEncoder returns (runtime/encode-body.ts).
  "encodedBody",
  "mediaType",
  // ApiFacts (runtime/api-facts.ts).
  "environments",
  "errorCodes",
  "refreshCredentialCode",
  "retryInFlightCode",
  "requestIdHeader",
  "clientHeader",
  // Prepared (runtime/prepared.ts).
  "renew",
  "requestInit",
  "requestUrl",
  "sender",
  // Credential (runtime/credentials.ts).
  "authorize",
];
