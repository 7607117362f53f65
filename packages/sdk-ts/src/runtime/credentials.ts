import { ExpysError } from "./errors.ts";
import { TokenCache } from "./token-cache.ts";
import type { TokenSource } from "./client.ts";

/** One way of authenticating; generated code creates one per security scheme the client uses. */
export interface Credential {
  /** Adds the credential to a request, recording secret values for redaction; resolves to the bearer token used, if any. */
  apply(headers: Headers, query: Record<string, unknown>, secrets: Set<string>): Promise<string | undefined>;
  /** The header it sets, so a redirect to another origin can drop it. */
  header: string;
  /** Replaces a token the API reported expired; absent when the credential cannot change. */
  refresh?: ((expired: string) => Promise<unknown>) | undefined;
}

function checked(name: string, value: string): string {
  if (/[\r\n\0]/.test(value)) throw new ExpysError(`the ${name} credential contains a line break or NUL, which HTTP forbids`);
  return value;
}

/** A bearer token, or a provider of one, refreshed once when the API says it expired. */
export function bearerAuth(source: TokenSource | undefined): Credential | undefined {
  if (source === undefined) return undefined;
  const cache = new TokenCache(source);
  return {
    async apply(headers, _query, secrets) {
      const token = checked("bearer token", await cache.get());
      secrets.add(token);
      headers.set("Authorization", `Bearer ${token}`);
      return token;
    },
    header: "Authorization",
    refresh: cache.refreshable ? (expired) => cache.refresh(expired) : undefined,
  };
}

/** An API key in a header, query parameter or cookie. */
export function apiKeyAuth(location: "header" | "query" | "cookie", name: string, value: string | undefined): Credential | undefined {
  if (value === undefined) return undefined;
  return {
    async apply(headers, query, secrets) {
      secrets.add(checked(name, value));
      if (location === "header") headers.set(name, value);
      else if (location === "query") query[name] = value;
      else headers.append("Cookie", `${name}=${encodeURIComponent(value)}`);
      return undefined;
    },
    header: location === "header" ? name : "Cookie",
  };
}

/** HTTP basic credentials. */
export function basicAuth(value: { username: string; password: string } | undefined): Credential | undefined {
  if (value === undefined) return undefined;
  return {
    async apply(headers, _query, secrets) {
      secrets.add(value.password);
      headers.set("Authorization", `Basic ${btoa(checked("basic", `${value.username}:${value.password}`))}`);
      return undefined;
    },
    header: "Authorization",
  };
}
