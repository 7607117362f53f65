// Errors: every failure is an ExpysError; API answers are ExpysApiError with a
// typed, stable `code`. Run it: node snippets/errors.ts

import { initialize } from "@expys/sdk";
// #region imports
import { ExpysAbortError, ExpysApiError, ExpysConnectionError, ExpysError, ExpysTimeoutError } from "@expys/sdk";
// #endregion imports

const token = process.env.EXPYS_MEMBER_TOKEN;
const conversationId = process.env.EXPYS_CONVERSATION_ID;
if (!token || !conversationId) throw new Error("Set EXPYS_MEMBER_TOKEN and EXPYS_CONVERSATION_ID");

const expys = initialize({ environment: "sandbox", baseUrl: process.env.EXPYS_BASE_URL, token });

// #region describe
function describe(error: unknown): string {
  if (error instanceof ExpysApiError) {
    // `code` is a closed union: the compiler checks every case you name.
    switch (error.code) {
      case "not_found":
        return `not found (${error.status}): show "this conversation is gone"`;
      case "invalid_request":
        return `invalid request (${error.status}): fix "${error.param}" in the code`;
      case "forbidden":
        return `forbidden (${error.status}): this token may not act for that member`;
      default:
        // Everything else: log it with the request id, which support can look up.
        return `${error.code} (${error.status}), retryable=${error.retryable}, request ${error.requestId}`;
    }
  }
  // No answer from the API at all. The SDK already retried where that was safe.
  if (error instanceof ExpysTimeoutError) return "no answer in time";
  if (error instanceof ExpysConnectionError) return "network problem";
  if (error instanceof ExpysAbortError) return "cancelled by the app";
  if (error instanceof ExpysError) return `SDK error: ${error.message}`;
  throw error; // not from the SDK: a bug of ours, let it surface
}
// #endregion describe

// #region not-found
try {
  await expys.listMessages("cnv_does_not_exist");
} catch (error) {
  console.log(describe(error));
  if (error instanceof ExpysApiError) {
    // Quote the request id to support: it names this exact request in Expys's logs.
    console.log(`  requestId=${error.requestId} retryable=${error.retryable}`);
  }
}
// #endregion not-found

// #region invalid
try {
  await expys.listMessages(conversationId, { limit: 500 }); // the API allows 1 to 100
} catch (error) {
  console.log(describe(error));
}
// #endregion invalid

// #region forbidden
try {
  // A member token acts for its own member only.
  await expys.listConversations({ externalUserID: "someone-else" });
} catch (error) {
  console.log(describe(error));
}
// #endregion forbidden
