// Errors: every failure is an ExpysError; API answers are ExpysApiError with a
// typed, stable `code`. Run it: node errors.ts (npx tsx errors.ts on Node 20)

import { initialize } from "@expys/sdk";
// #region imports
import {
  ExpysAbortError,
  ExpysApiError,
  ExpysConnectionError,
  ExpysError,
  ExpysTimeoutError,
} from "@expys/sdk";
// #endregion imports

const token = process.env.EXPYS_MEMBER_TOKEN;
const conversationId = process.env.EXPYS_CONVERSATION_ID;
if (!token || !conversationId) {
  throw new Error("Set EXPYS_MEMBER_TOKEN and EXPYS_CONVERSATION_ID");
}

const expys = initialize({
  environment: "sandbox",
  baseUrl: process.env.EXPYS_BASE_URL,
  token,
});

// #region describe
function describe(error: unknown): string {
  if (error instanceof ExpysApiError) {
    const { code, status } = error;
    // `code` is a closed union: the compiler checks every case you name.
    switch (code) {
      case "not_found":
        return `not found (${status}): show "this conversation is gone"`;
      case "invalid_request":
        return `invalid request (${status}): fix "${error.param}" in the code`;
      case "forbidden":
        return `forbidden (${status}): this token may not act for that member`;
      default: {
        // Anything else: log it with the request id, which support can look
        // up.
        const { retryable, requestId } = error;
        return `${code} (${status}), retryable=${retryable}, id ${requestId}`;
      }
    }
  }
  // No answer from the API at all. The SDK already retried where it was safe.
  if (error instanceof ExpysTimeoutError) return "no answer in time";
  if (error instanceof ExpysConnectionError) return "network problem";
  if (error instanceof ExpysAbortError) return "cancelled by the app";
  if (error instanceof ExpysError) return `SDK error: ${error.message}`;
  throw error; // not from the SDK: a bug of ours, let it surface
}
// #endregion describe

async function main(conversationId: string): Promise<void> {
  // #region not-found
  try {
    await expys.listMessages("cnv_does_not_exist");
  } catch (error) {
    console.log(describe(error));
    if (error instanceof ExpysApiError) {
      // Quote the request id to support: it names this exact request in
      // Expys's logs.
      const { requestId, retryable } = error;
      console.log(`  requestId=${requestId} retryable=${retryable}`);
    }
  }
  // #endregion not-found

  // #region invalid
  try {
    // The API allows a limit of 1 to 100.
    await expys.listMessages(conversationId, { limit: 500 });
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
}

main(conversationId).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
