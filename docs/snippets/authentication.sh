#!/usr/bin/env bash
# The token exchange over plain HTTP, as a backend in any language makes it.
# Run it: bash snippets/authentication.sh
set -euo pipefail
: "${EXPYS_BASE_URL:?}" "${EXPYS_ORG_API_KEY:?}" "${EXPYS_EXTERNAL_USER_ID:?}"

# #region exchange
curl -sS --fail-with-body -X POST "$EXPYS_BASE_URL/v1/auth/exchange" \
  -H "Org-API-Key: $EXPYS_ORG_API_KEY" \
  -H "Content-Type: application/json" \
  -d "{\"externalUserID\": \"$EXPYS_EXTERNAL_USER_ID\"}"
# #endregion exchange
echo
