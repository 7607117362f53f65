import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import type { CredentialSpec } from "./api-description.ts";
import { ApiError } from "./api-error.ts";
import type { TokenClaims, TokenIssuer } from "./token-issuer.ts";

function digest(value: string): Buffer {
  return createHash("sha256").update(value).digest();
}

/** Compares secrets in constant time, whatever their lengths. */
function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

function bearerToken(headers: IncomingHttpHeaders): string | undefined {
  const authorization = headers.authorization;
  if (authorization === undefined) return undefined;
  const token = /^Bearer +(\S+) *$/i.exec(authorization)?.[1];
  if (!token) throw new ApiError("unauthorized", "the Authorization header must be `Bearer <token>`");
  return token;
}

/** What the server checks credentials against. */
export interface CredentialCheck {
  /** The organisation's key. */
  orgApiKey: string;
  /** The header the key travels in (`Org-API-Key`), and the route that takes it, for hints on the other routes. */
  apiKeyHeader: string;
  exchangeRoute: string;
  tokens: TokenIssuer;
}

/**
 * Checks the credential an operation requires. Resolves to the token's claims
 * for a bearer route and `undefined` for the key exchange, or throws
 * `unauthorized` / `token_expired`. Error messages never quote a credential.
 */
export function authenticate(credential: CredentialSpec, headers: IncomingHttpHeaders, check: CredentialCheck): TokenClaims | undefined {
  if (credential.kind === "apiKey") {
    const apiKey = headers[credential.header.toLowerCase()];
    if (typeof apiKey !== "string") {
      const hint = headers.authorization === undefined ? "" : "; bearer tokens are not accepted here";
      throw new ApiError("unauthorized", `this route takes the ${credential.header} header${hint}`);
    }
    if (!sameSecret(apiKey, check.orgApiKey)) throw new ApiError("unauthorized", `the ${credential.header} is not valid`);
    return undefined;
  }
  const token = bearerToken(headers);
  if (token === undefined) {
    const hint =
      headers[check.apiKeyHeader.toLowerCase()] === undefined
        ? "send Authorization: Bearer <token>"
        : `the ${check.apiKeyHeader} is accepted only by ${check.exchangeRoute}; exchange it for a bearer token`;
    throw new ApiError("unauthorized", `this route takes a bearer token: ${hint}`);
  }
  return check.tokens.verify(token);
}

/**
 * The member a conversation route acts for. A member token acts for its own
 * member, and `externalUserID`, when given, must name that member; a machine
 * token must name the member.
 */
export function actingMember(claims: TokenClaims, externalUserID: string | undefined): string {
  if (claims.externalUserID === null) {
    if (externalUserID === undefined) {
      throw new ApiError("invalid_request", 'query parameter "externalUserID" is required with a machine token', {
        param: "externalUserID",
      });
    }
    return externalUserID;
  }
  if (externalUserID !== undefined && externalUserID !== claims.externalUserID) {
    throw new ApiError("forbidden", "a member token acts only for its own member; externalUserID names another", {
      param: "externalUserID",
    });
  }
  return claims.externalUserID;
}
