#!/usr/bin/env bash
# The streamMessages example of the API reference, with curl.
# Run it: bash streamMessages.sh
set -euo pipefail
: "${EXPYS_BASE_URL:?}" "${EXPYS_MEMBER_TOKEN:?}" "${EXPYS_CONVERSATION_ID:?}"

# #region request
# -N prints each event as it arrives; the stream stays open until Ctrl-C.
curl -sS -N --fail-with-body \
  "$EXPYS_BASE_URL/v1/conversations/$EXPYS_CONVERSATION_ID/stream" \
  -H "Authorization: Bearer $EXPYS_MEMBER_TOKEN" \
  -H "Accept: text/event-stream"
# #endregion request
