import type { Credential, Sender } from "./credentials.ts";

/** One attempt's request, as the client prepares it before every attempt of a call or connection of a stream. */
export interface Prepared {
  /** Method, headers (lower-case names, credentials included) and encoded body. */
  init: RequestInit & { headers: Record<string, string> };
  url: string;
  /** The bearer token sent, if any, and how to replace it when the API says it expired. */
  token?: string | undefined;
  refresh?: Credential["refresh"];
  /** How to send it: `direct`, or the credential's own sender when fetch alone would leak it on a redirect. */
  send: Sender;
}
