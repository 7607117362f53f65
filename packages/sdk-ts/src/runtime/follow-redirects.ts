import { ExpysConnectionError } from "./errors.ts";

/**
 * Sends a request that carries a credential fetch would forward on a redirect
 * (fetch drops only `Authorization` when a redirect leaves the origin, not an API
 * key header or a cookie). Follows redirects itself and drops `credentialHeader`
 * once the origin changes.
 */
export async function followRedirects(fetchImpl: typeof fetch, address: string, init: RequestInit, credentialHeader: string): Promise<Response> {
  const url = new URL(address);
  let target = url;
  let request: RequestInit = { ...init, redirect: "manual" };
  for (let hops = 0; ; hops += 1) {
    const response = await fetchImpl(target, request);
    const location = response.headers.get("Location");
    if (response.status < 300 || response.status > 399 || location === null) return response;
    await response.body?.cancel();
    if (hops === 20) throw new ExpysConnectionError(`too many redirects from ${url.pathname}`);
    target = new URL(location, target);
    const headers = new Headers(request.headers);
    if (target.origin !== url.origin) headers.delete(credentialHeader);
    // As fetch does: 303, and 301/302 after a POST, become a GET without a body.
    const status = response.status;
    if (status === 303 || (status < 303 && request.method === "POST")) {
      headers.delete("Content-Type");
      request = { ...request, method: "GET", body: null, headers };
    } else {
      request = { ...request, headers };
    }
  }
}
