import type { OperationRequest, QueryStyle } from "./operation.ts";

/** Path values are encoded as one segment each, so `../` or `?` in an id cannot change the route. */
function encodePathValue(value: unknown): string {
  return encodeURIComponent(String(value));
}

/** Fills the path template; a missing path value is a programming error, reported by name. */
export function fillPath(template: string, values: Readonly<Record<string, unknown>> = {}): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined || value === null || value === "") {
      throw new TypeError(`the path parameter "${name}" is required and must not be empty`);
    }
    return encodePathValue(value);
  });
}

const separators: Record<Exclude<QueryStyle, "deepObject">, string> = { comma: ",", space: " ", pipe: "|" };

/** Appends one query parameter per OpenAPI's `style`/`explode` rules. */
function appendQuery(search: URLSearchParams, name: string, value: unknown, style: QueryStyle | undefined): void {
  if (value === undefined || value === null) return;
  if (Array.isArray(value)) {
    if (style && style !== "deepObject") search.append(name, value.map(String).join(separators[style]));
    else for (const item of value) search.append(name, String(item));
    return;
  }
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, item]) => item !== undefined && item !== null);
    if (style === "deepObject") for (const [key, item] of entries) search.append(`${name}[${key}]`, String(item));
    else if (style === "comma") search.append(name, entries.flat().map(String).join(","));
    else for (const [key, item] of entries) search.append(key, String(item));
    return;
  }
  search.append(name, String(value));
}

/** The full URL of a request: base URL, filled path, serialised query. */
export function buildUrl(baseUrl: string, request: OperationRequest, extraQuery?: Readonly<Record<string, unknown>>): URL {
  const base = request.server ? new URL(request.server, baseUrl).href : baseUrl;
  const url = new URL(base.replace(/\/+$/, "") + fillPath(request.path, request.pathParams));
  for (const [name, value] of Object.entries({ ...request.query, ...extraQuery })) {
    appendQuery(url.searchParams, name, value, request.queryStyles?.[name]);
  }
  return url;
}
