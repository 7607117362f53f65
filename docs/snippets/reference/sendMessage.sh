#!/usr/bin/env bash
# The sendMessage example of the API reference, with curl.
# Run it: bash sendMessage.sh
set -euo pipefail
: "${EXPYS_BASE_URL:?}" "${EXPYS_MEMBER_TOKEN:?}" "${EXPYS_CONVERSATION_ID:?}"

# #region request
# A new key per message; the same key again only to retry this message.
key=$(uuidgen 2>/dev/null || cat /proc/sys/kernel/random/uuid)
curl -sS --fail-with-body -X POST \
  "$EXPYS_BASE_URL/v1/conversations/$EXPYS_CONVERSATION_ID/messages" \
  -H "Authorization: Bearer $EXPYS_MEMBER_TOKEN" \
  -H "Idempotency-Key: $key" \
  -H "Content-Type: application/json" \
  -d '{"message": "A table for two at 8pm, please."}'
# #endregion request
