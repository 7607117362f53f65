#!/usr/bin/env bash
# The listConversations example of the API reference, with curl.
# Run it: bash listConversations.sh
set -euo pipefail
: "${EXPYS_BASE_URL:?}" "${EXPYS_MEMBER_TOKEN:?}"

# #region request
curl -sS --fail-with-body "$EXPYS_BASE_URL/v1/conversations" \
  -H "Authorization: Bearer $EXPYS_MEMBER_TOKEN"
# #endregion request
