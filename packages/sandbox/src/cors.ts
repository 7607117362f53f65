import type { IncomingMessage, ServerResponse } from "node:http";
import type { OperationSpec } from "./api-description.ts";

/** Headers that let a page on any origin read a response, and its request id and retry hints. */
export const corsHeaders: Readonly<Record<string, string>> = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Expose-Headers": "X-Request-Id, Retry-After, Idempotent-Replayed",
};

/**
 * The header a web page sends to use the organisation's secret key from a
 * browser anyway (spec/README.md). Without it the key exchange answers no
 * browser, so a key pasted into front-end code fails at once instead of
 * leaking to every visitor. Named after Anthropic's
 * `anthropic-dangerous-direct-browser-access`, which works the same way.
 */
export const browserOptInHeader = "Expys-Dangerous-Direct-Browser-Access";

function optedIn(req: IncomingMessage): boolean {
  return req.headers[browserOptInHeader.toLowerCase()] === "true";
}

/**
 * Sets the CORS headers of a response. Routes that take a bearer token allow
 * any origin; a route that takes the organisation's key (`apiKeyRoute`) only a
 * request that carries the opt-in header.
 */
export function applyCors(req: IncomingMessage, res: ServerResponse, apiKeyRoute: boolean): void {
  if (apiKeyRoute && !optedIn(req)) return;
  for (const [name, value] of Object.entries(corsHeaders)) res.setHeader(name, value);
}

/**
 * The request headers a browser may send: the credentials' headers, every
 * header parameter of the spec (so a header added to the spec is allowed
 * without touching this file), the SDKs' identification header, and the
 * `Cache-Control` an event-stream client sends.
 */
export function allowedRequestHeaders(operations: readonly OperationSpec[]): string {
  // X-Expys-Client: how the SDKs identify themselves (spec/README.md). Cache-Control:
  // fetch-based Server-Sent Events clients send no-cache, as the SSE spec advises.
  const names = new Set(["Authorization", "Content-Type", "Cache-Control", "X-Expys-Client"]);
  for (const operation of operations) {
    if (operation.credential.kind === "apiKey") names.add(operation.credential.header);
    for (const parameter of operation.parameters) if (parameter.in === "header") names.add(parameter.name);
  }
  return [...names].join(", ");
}

/** Whether a preflight announces the opt-in header among the ones the page will send. */
function preflightOptsIn(req: IncomingMessage): boolean {
  const requested = String(req.headers["access-control-request-headers"] ?? "").toLowerCase();
  return requested.split(",").some((name) => name.trim() === browserOptInHeader.toLowerCase());
}

/**
 * The answer to a CORS preflight for a route allowing `methods`. On a route
 * that takes the organisation's key it allows nothing unless the page
 * announces the opt-in header, so the browser never sends the key.
 */
export function preflightHeaders(req: IncomingMessage, methods: readonly string[], allowedHeaders: string, apiKeyRoute: boolean): Record<string, string> {
  const allow = [...methods, "OPTIONS"].join(", ");
  if (apiKeyRoute && !preflightOptsIn(req)) return { Allow: allow };
  return {
    Allow: allow,
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": allow,
    "Access-Control-Allow-Headers": apiKeyRoute ? `${allowedHeaders}, ${browserOptInHeader}` : allowedHeaders,
    "Access-Control-Max-Age": "600",
  };
}
