import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { ApiError } from "./api-error.ts";

/** What a bearer token stands for. */
export interface TokenClaims {
  kind: "member" | "machine";
  /** The member of a member token; `null` for a machine token. */
  externalUserID: string | null;
  /** Expiry, in milliseconds since the epoch. */
  expiresAt: number;
}

const prefix = "sbx_";

/**
 * Mints and verifies bearer tokens. A token is its claims plus an HMAC under a
 * secret drawn per sandbox, so verifying needs no lookup, an expired token is
 * still recognised as ours (`token_expired` rather than `unauthorized`), and a
 * token from another sandbox run is rejected.
 */
export class TokenIssuer {
  readonly #secret = randomBytes(32);

  /** A new token for `externalUserID` (a member token) or for the organisation (a machine token). */
  mint(externalUserID: string | undefined, ttlMs: number): { token: string; claims: TokenClaims } {
    const claims: TokenClaims = {
      kind: externalUserID === undefined ? "machine" : "member",
      externalUserID: externalUserID ?? null,
      expiresAt: Date.now() + ttlMs,
    };
    // The nonce makes two tokens minted in the same millisecond differ.
    const payload = Buffer.from(JSON.stringify([claims.externalUserID, claims.expiresAt, randomBytes(6).toString("base64url")])).toString("base64url");
    return { token: `${prefix}${payload}.${this.#sign(payload).toString("base64url")}`, claims };
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

  #sign(payload: string): Buffer {
    return createHmac("sha256", this.#secret).update(payload).digest();
  }

  #decode(token: string): TokenClaims | undefined {
    if (!token.startsWith(prefix)) return undefined;
    const [payload, signature, ...rest] = token.slice(prefix.length).split(".");
    if (!payload || !signature || rest.length > 0) return undefined;
    const expected = this.#sign(payload);
    const actual = Buffer.from(signature, "base64url");
    if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return undefined;
    const [externalUserID, expiresAt] = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as [string | null, number];
    return { kind: externalUserID === null ? "machine" : "member", externalUserID, expiresAt };
  }
}
