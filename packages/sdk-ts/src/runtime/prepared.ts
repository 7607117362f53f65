import type { Renew, Sender } from "./credentials.ts";

/** One attempt's request, as the client prepares it before every attempt of a call or connection of a stream. */
export interface Prepared {
  /** Method, headers (lower-case names, credentials included) and encoded body. */
  requestInit: RequestInit & { headers: Record<string, string> };
  requestUrl: string;
  /** How to drop the token it carries, when the API says it expired, so that the next attempt gets a fresh one (see `Credential.authorize`). */
  renew?: Renew | undefined;
  /** How to send it: `direct`, or the credential's own sender when fetch alone would leak it on a redirect. */
  sender: Sender;
}
