import type { ApiDocument, OperationSpec } from "./api-document.ts";

/** Response headers a browser may read: the request id and the retry hints. */
const exposedHeaders = "X-Request-Id, Retry-After, Idempotent-Replayed";

/** Headers sent on every response, so a browser app on any origin can call the sandbox. */
export const corsHeaders: Record<string, string> = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Expose-Headers": exposedHeaders,
};

/**
 * The request headers a browser may send: the credentials' headers, every
 * header parameter of the spec (so a header added to the spec is allowed
 * without touching this file), the SDKs' identification header, and the
 * `Cache-Control` an event-stream client sends.
 */
export function allowedRequestHeaders(document: ApiDocument, operations: readonly OperationSpec[]): string {
  // X-Expys-Client: how the SDKs identify themselves (spec/README.md). Cache-Control:
  // fetch-based Server-Sent Events clients send no-cache, as the SSE spec advises.
  const names = new Set(["Authorization", "Content-Type", "Cache-Control", "X-Expys-Client"]);
  for (const scheme of Object.values(document.components.securitySchemes)) {
    if (scheme.type === "apiKey" && scheme.in === "header" && scheme.name) names.add(scheme.name);
  }
  for (const operation of operations) {
    for (const parameter of operation.parameters) if (parameter.in === "header") names.add(parameter.name);
  }
  return [...names].join(", ");
}

/** The answer to a CORS preflight for a route allowing `methods`. */
export function preflightHeaders(methods: readonly string[], allowedHeaders: string): Record<string, string> {
  const allow = [...methods, "OPTIONS"].join(", ");
  return {
    Allow: allow,
    "Access-Control-Allow-Methods": allow,
    "Access-Control-Allow-Headers": allowedHeaders,
    "Access-Control-Max-Age": "600",
  };
}
