import { followRedirects } from "./follow-redirects.ts";
import type { TokenSource } from "./client-options.ts";

/** Sends one request: fetch, or a credential's own way of following redirects. */
export type Sender = (fetch: typeof globalThis.fetch, url: string, init: RequestInit) => Promise<Response>;

/** Sends a request as it is, with fetch's own redirect handling. */
export const direct: Sender = (fetchImpl, url, init) => fetchImpl(url, init);

/** Forgets the token a request carried, once the API said it expired, so that the next request gets a new one. */
export type Renew = () => void;

/** One way of authenticating; generated code creates one per security scheme the client uses. */
export interface Credential {
  /**
   * Adds the credential to a request's headers (lower-case names) or query,
   * recording secret values for redaction; resolves to how to drop the token
   * it added once it expires, when it added one that can be renewed.
   */
  authorize(headers: Record<string, string>, query: Record<string, unknown>, secrets: Set<string>): Promise<Renew | undefined>;
  /** Sends a request carrying this credential, when fetch alone would leak it on a redirect. */
  sender?: Sender | undefined;
}

/**
 * A bearer token, or a provider of one. A provider is asked once and its token
 * reused until the API says it expired; then one refresh is shared by every call
 * that saw the expired token. A failed provider call is not cached.
 */
export function bearerAuth(source: TokenSource | undefined): Credential | undefined {
  if (source === undefined) return undefined;
  /** The provider's answer, shared by every request until it fails or its token expires. */
  let current: Promise<string> | undefined;
  return {
    async authorize(headers, _query, secrets) {
      current ??= (async () => (typeof source === "string" ? source : source()))();
      const carried = current;
      // Only this answer is dropped, and only while it is current: of the calls
      // that carried an expired token, the first to renew drops it and the
      // others find a new request already made, or make the one they share.
      const drop = (): void => {
        if (current === carried) current = undefined;
      };
      // A failed answer is forgotten, so that the next request asks again.
      carried.catch(drop);
      const token = await carried;
      secrets.add(token);
      headers.authorization = `Bearer ${token}`;
      return typeof source === "function" ? drop : undefined;
    },
  };
}

/** An API key in a header, query parameter or cookie; never sent to another origin after a redirect. */
export function apiKeyAuth(location: "header" | "query" | "cookie", name: string, value: string | undefined): Credential | undefined {
  if (value === undefined) return undefined;
  const header = location === "cookie" ? "cookie" : name.toLowerCase();
  return {
    async authorize(headers, query, secrets) {
      secrets.add(value);
      const cookie = `${name}=${encodeURIComponent(value)}`;
      if (location === "header") headers[header] = value;
      else if (location === "query") query[name] = value;
      else headers.cookie = headers.cookie ? `${headers.cookie}; ${cookie}` : cookie;
      return undefined;
    },
    sender: (fetchImpl, url, init) => followRedirects(fetchImpl, url, init, header),
  };
}

/** HTTP basic credentials (in `Authorization`, which fetch drops on a cross-origin redirect). */
export function basicAuth(value: { username: string; password: string } | undefined): Credential | undefined {
  if (value === undefined) return undefined;
  return {
    async authorize(headers, _query, secrets) {
      secrets.add(value.password);
      headers.authorization = `Basic ${btoa(`${value.username}:${value.password}`)}`;
      return undefined;
    },
  };
}
