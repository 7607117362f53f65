/**
 * What the runtime knows of the API it calls, handed over by generated code
 * from the spec: the runtime itself names no code, header or timeout of any API.
 */
export interface ApiFacts {
  /** The deployments of the API: their names and base URLs. */
  environments: Readonly<Record<string, string>>;
  /** The error codes the API documents: an error body naming another is not the API's own. */
  errorCodes: readonly string[];
  /** The code that means the bearer token expired: ask the token provider again and repeat the call. */
  refreshCredentialCode?: string | undefined;
  /** The code that means a call with the same idempotency key is still running: wait, then repeat it. */
  retryInFlightCode?: string | undefined;
  /** The response header with the server's id for the request. */
  requestIdHeader?: string | undefined;
  /** The request header the SDK names itself in. */
  clientHeader?: string | undefined;
}
