import { ExpysConnectionError } from "./errors.ts";

/**
 * Sends a request that carries a credential fetch would forward on a redirect
 * (fetch drops only `Authorization` when a redirect leaves the origin, not an API
 * key header or a cookie). Follows a read's redirects itself, dropping
 * `credentialHeader` once the origin changes; a write's redirect is answered
 * as it is, never followed (see `answerOf`).
 */
export async function followRedirects(fetchImpl: typeof fetch, address: string, init: RequestInit, credentialHeader: string): Promise<Response> {
  const url = new URL(address);
  let target = url;
  const headers = new Headers(init.headers);
  for (let hops = 0; ; hops += 1) {
    const response = await fetchImpl(target, { ...init, headers, redirect: "manual" });
    const location = response.headers.get("Location");
    if (response.status < 300 || response.status > 399 || location === null || init.method !== "GET") return response;
    await response.body?.cancel();
    if (hops === 20) throw new ExpysConnectionError(`too many redirects from ${url.pathname}`);
    target = new URL(location, target);
    if (target.origin !== url.origin) headers.delete(credentialHeader);
  }
}
