#!/usr/bin/env bash
# Quickstart over plain HTTP: the same three calls the TypeScript quickstart
# makes, with curl. Run it: bash quickstart.sh
set -euo pipefail
: "${EXPYS_BASE_URL:?}" "${EXPYS_MEMBER_TOKEN:?}" "${EXPYS_CONVERSATION_ID:?}"

# #region list
curl -sS --fail-with-body "$EXPYS_BASE_URL/v1/conversations" \
  -H "Authorization: Bearer $EXPYS_MEMBER_TOKEN"
# #endregion list
echo

# #region read
curl -sS --fail-with-body \
  "$EXPYS_BASE_URL/v1/conversations/$EXPYS_CONVERSATION_ID/messages?limit=2" \
  -H "Authorization: Bearer $EXPYS_MEMBER_TOKEN"
# #endregion read
echo

# #region send
# A new key per message; send the same key again only to retry this message.
key=$(uuidgen 2>/dev/null || cat /proc/sys/kernel/random/uuid)
curl -sS --fail-with-body -X POST \
  "$EXPYS_BASE_URL/v1/conversations/$EXPYS_CONVERSATION_ID/messages" \
  -H "Authorization: Bearer $EXPYS_MEMBER_TOKEN" \
  -H "Idempotency-Key: $key" \
  -H "Content-Type: application/json" \
  -d '{"message": "Hi! Can you book a table for Friday?"}'
# #endregion send
echo
