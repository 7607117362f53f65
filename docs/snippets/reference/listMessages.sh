#!/usr/bin/env bash
# The listMessages example of the API reference, with curl.
# Run it: bash listMessages.sh
set -euo pipefail
: "${EXPYS_BASE_URL:?}" "${EXPYS_MEMBER_TOKEN:?}" "${EXPYS_CONVERSATION_ID:?}"

# #region request
curl -sS --fail-with-body --get \
  "$EXPYS_BASE_URL/v1/conversations/$EXPYS_CONVERSATION_ID/messages" \
  -d limit=2 \
  -H "Authorization: Bearer $EXPYS_MEMBER_TOKEN"
# #endregion request
