#!/usr/bin/env bash
# The exchangeToken example of the API reference, with curl.
# Run it: bash exchangeToken.sh
set -euo pipefail
: "${EXPYS_BASE_URL:?}" "${EXPYS_ORG_API_KEY:?}" "${EXPYS_EXTERNAL_USER_ID:?}"

# #region request
# From your backend only: the org key must never ship in an app.
curl -sS --fail-with-body -X POST "$EXPYS_BASE_URL/v1/auth/exchange" \
  -H "Org-API-Key: $EXPYS_ORG_API_KEY" \
  -H "Content-Type: application/json" \
  -d "{\"externalUserID\": \"$EXPYS_EXTERNAL_USER_ID\"}"
# #endregion request
