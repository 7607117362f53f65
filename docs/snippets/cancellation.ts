// Cancellation and timeouts: abort a call the user no longer needs, bound how
// long a call may take, and stop a stream from outside the loop.
// Run it: node cancellation.ts (npx tsx cancellation.ts on Node 20)

import { ExpysAbortError, ExpysTimeoutError, initialize } from "@expys/sdk";

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

async function main(conversationId: string): Promise<void> {
  // #region abort-call
  // The user opened a thread, then left it before the history arrived.
  const leaving = new AbortController();
  const history = expys.listMessages(
    conversationId,
    {},
    { signal: leaving.signal },
  );
  leaving.abort();
  try {
    await history;
  } catch (error) {
    if (!(error instanceof ExpysAbortError)) throw error;
    console.log("Loading the history was cancelled");
  }
  // #endregion abort-call

  // #region timeout
  // Give up after 2 s and no retries, and show what is already on screen.
  try {
    const { conversations } = await expys.listConversations(
      {},
      { timeout: 2_000, maxRetries: 0 },
    );
    console.log(`Answered in time: ${conversations.length} conversations`);
  } catch (error) {
    if (!(error instanceof ExpysTimeoutError)) throw error;
    console.log("No answer within 2 s; keeping the cached list");
  }
  // #endregion timeout

  // #region stop-stream
  // A screen that follows the conversation until it closes. The signal stops
  // the stream from outside the loop, even while it waits for a message.
  const screen = new AbortController();
  // This timer stands in for the user closing the screen.
  setTimeout(() => screen.abort(), 1_500);
  let shown = 0;
  try {
    const options = { signal: screen.signal };
    for await (const message of expys.streamMessages(
      conversationId,
      {},
      options,
    )) {
      shown += 1;
      console.log(`live: ${message.body ?? "(no text)"}`);
    }
  } catch (error) {
    if (!(error instanceof ExpysAbortError)) throw error;
  }
  console.log(
    `Screen closed after ${shown} live message(s); the stream is closed`,
  );
  // #endregion stop-stream
}

main(conversationId).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
