import type { OperationRequest } from "./operation.ts";

/**
 * The full URL of a request, as a string (cheaper than mutating a URL on every
 * call). Path values are encoded as one segment each, so `../`, `/` or `?` in an
 * id cannot change the route. Query scalars are appended as they are and arrays
 * repeat their name (OpenAPI's default, form with explode); anything else is
 * spelled by the style the operation names for it.
 */
export function buildUrl(baseUrl: string, request: OperationRequest, extraQuery?: Readonly<Record<string, unknown>>): string {
  const path = request.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = request.pathParams?.[name];
    if (value === undefined || value === null || value === "") throw new TypeError(`the path parameter "${name}" must not be empty`);
    return encodeURIComponent(String(value));
  });
  const search = new URLSearchParams();
  const query = { ...request.query, ...extraQuery };
  for (const name in query) {
    const value = query[name];
    const style = request.queryStyles?.[name];
    if (value === undefined || value === null) continue;
    if (style) style(search, name, value);
    else for (const item of Array.isArray(value) ? value : [value]) search.append(name, String(item));
  }
  const base = (request.server ? new URL(request.server, baseUrl).href : baseUrl).replace(/\/+$/, "");
  const queryString = search.toString();
  return queryString ? `${base}${path}?${queryString}` : base + path;
}
