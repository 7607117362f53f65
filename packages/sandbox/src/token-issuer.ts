import { randomBytes } from "node:crypto";
import { ApiError } from "./api-error.ts";
import type { Signer } from "./signer.ts";

/** What a bearer token stands for. */
export interface TokenClaims {
  kind: "member" | "machine";
  /** The member of a member token; `null` for a machine token. */
  externalUserID: string | null;
  /** Expiry, in milliseconds since the epoch. */
  expiresAt: number;
}

const prefix = "sbx_";
const purpose = "token";

/**
 * Mints and verifies bearer tokens. A token is its claims signed with the
 * sandbox's secret, so verifying needs no lookup, an expired token is still
 * recognised as ours (`token_expired` rather than `unauthorized`), and a token
 * from another sandbox run, or a respelling of one of ours, is rejected.
 */
export class TokenIssuer {
  readonly #signer: Signer;

  constructor(signer: Signer) {
    this.#signer = signer;
  }

  /** A new token for `externalUserID` (a member token) or for the organisation (a machine token). */
  mint(externalUserID: string | undefined, ttlMs: number): { token: string; claims: TokenClaims } {
    const claims: TokenClaims = {
      kind: externalUserID === undefined ? "machine" : "member",
      externalUserID: externalUserID ?? null,
      expiresAt: Date.now() + ttlMs,
    };
    // The nonce makes two tokens minted in the same millisecond differ.
    const payload = JSON.stringify([claims.externalUserID, claims.expiresAt, randomBytes(6).toString("base64url")]);
    return { token: `${prefix}${this.#signer.sign(purpose, payload)}`, claims };
  }

  /**
   * The claims of `token`. Throws `unauthorized` for anything this sandbox did
   * not mint and `token_expired` once it has expired. The token itself never
   * appears in an error.
   */
  verify(token: string): TokenClaims {
    const claims = this.#decode(token);
    if (!claims) throw new ApiError("unauthorized", "the bearer token is not valid for this sandbox");
    if (Date.now() >= claims.expiresAt) {
      throw new ApiError("token_expired", "the bearer token has expired; exchange the Org-API-Key for a fresh one");
    }
    return claims;
  }

  #decode(token: string): TokenClaims | undefined {
    if (!token.startsWith(prefix)) return undefined;
    const payload = this.#signer.verify(purpose, token.slice(prefix.length));
    if (payload === undefined) return undefined;
    const [externalUserID, expiresAt] = JSON.parse(payload) as [string | null, number];
    return { kind: externalUserID === null ? "machine" : "member", externalUserID, expiresAt };
  }
}
