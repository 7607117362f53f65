import type { OperationHandler } from "./operation-call.ts";

/** `POST /v1/auth/exchange`: mints a member token (with `externalUserID`) or a machine token. */
export const exchangeToken: OperationHandler<"exchangeToken"> = ({ input, services }) => {
  const { externalUserID, ttlSeconds } = input.body ?? {};
  const ttlMs = ttlSeconds === undefined ? services.options.tokenTtlMs : ttlSeconds * 1000;
  const { token, claims } = services.tokens.mint(externalUserID, ttlMs);
  return {
    status: 200,
    body: {
      token,
      kind: claims.kind,
      externalUserID: claims.externalUserID,
      expiresAt: new Date(claims.expiresAt).toISOString(),
      // Whole seconds, rounded down so a client never waits past the real expiry.
      expiresIn: Math.floor(ttlMs / 1000),
    },
  };
};
