import type { OperationRequest } from "./operation.ts";

/** Fills the path template. Each value is encoded as one segment, so `../`, `/` or `?` in an id cannot change the route. */
export function fillPath(template: string, values: Readonly<Record<string, unknown>> = {}): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined || value === null || value === "") throw new TypeError(`the path parameter "${name}" must not be empty`);
    return encodeURIComponent(String(value));
  });
}

/**
 * The full URL of a request. Query values use OpenAPI's default spelling (form,
 * exploded: arrays repeat the name, objects spread their keys) unless the
 * operation names another style for them.
 */
export function buildUrl(baseUrl: string, request: OperationRequest, extraQuery?: Readonly<Record<string, unknown>>): URL {
  const base = request.server ? new URL(request.server, baseUrl).href : baseUrl;
  const url = new URL(base.replace(/\/+$/, "") + fillPath(request.path, request.pathParams));
  for (const [name, value] of Object.entries({ ...request.query, ...extraQuery })) {
    if (value === undefined || value === null) continue;
    const style = request.queryStyles?.[name];
    if (style && typeof value === "object") style(url.searchParams, name, value);
    else if (Array.isArray(value)) for (const item of value) url.searchParams.append(name, String(item));
    else if (typeof value === "object") for (const [key, item] of Object.entries(value)) url.searchParams.append(key, String(item));
    else url.searchParams.append(name, String(value));
  }
  return url;
}
