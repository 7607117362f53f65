import { ExpysArgumentError } from "./errors.ts";
import type { OperationRequest } from "./operation.ts";

/**
 * The full URL of a request, as a string (cheaper than mutating a URL on every
 * call). Path values are encoded as one segment each, so `/`, `?` or `#` in an
 * id cannot change the route; an empty value, `.` and `..` are refused, since
 * URL parsing would drop or climb those segments. Query scalars are appended
 * as they are and arrays repeat their name (OpenAPI's default, form with
 * explode); generated code spells the other styles (see `query-styles.ts`).
 */
export function buildUrl(baseUrl: string, request: OperationRequest, extraQuery?: Readonly<Record<string, unknown>>): string {
  const path = request.route.split(" ")[1]!.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = String(request.pathParams?.[name] ?? "");
    if (/^\.{0,2}$/.test(value)) throw new ExpysArgumentError(`path parameter "${name}" cannot be "", "." or ".."`);
    return encodeURIComponent(value);
  });
  const search = new URLSearchParams();
  const query: Record<string, unknown> = { ...request.queryParams, ...extraQuery };
  for (const name in query) {
    const value = query[name];
    if (value === undefined || value === null) continue;
    // append() spells a value as String() would.
    for (const item of [value].flat()) search.append(name, item as string);
  }
  const queryString = search.toString();
  return (request.server ? new URL(request.server, baseUrl).href : baseUrl).replace(/\/+$/, "") + path + (queryString && `?${queryString}`);
}

/**
 * A `baseUrl` a client can use: absolute, http or https, without credentials
 * in it (fetch refuses those, and an error message could show them). The
 * message shows the value only when it cannot hold a password.
 */
export function checkBaseUrl(baseUrl: string): URL {
  let url: URL | undefined;
  try {
    url = new URL(baseUrl);
  } catch {
    // Reported below.
  }
  if (!url || !/^https?:$/.test(url.protocol) || url.username || url.password) {
    throw new ExpysArgumentError(`baseUrl ${baseUrl.includes("@") ? "" : `${JSON.stringify(baseUrl)} `}is not an absolute http(s) URL without credentials`);
  }
  return url;
}
