// Streaming: show the recent backlog, then follow the conversation live, and
// stop after a few messages. Run it: node streaming.ts (npx tsx on Node 20)

import { initialize } from "@expys/sdk";

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

async function main(id: string): Promise<void> {
  // #region backlog
  // History comes from listMessages: the stream carries only what is posted
  // from now on.
  const { messages: backlog } = await expys.listMessages(id, { limit: 3 });
  for (const message of backlog) {
    console.log(`earlier  ${message.authorID}: ${message.body ?? "(no text)"}`);
  }
  // #endregion backlog

  // #region live
  const wanted = 5;
  let received = 0;
  console.log(`Listening for ${wanted} new messages...`);
  for await (const message of expys.streamMessages(id)) {
    received += 1;
    console.log(`live     ${message.authorID}: ${message.body ?? "(no text)"}`);
    // Leaving the loop closes the connection and cancels any pending
    // reconnect.
    if (received === wanted) break;
  }
  console.log(
    `Stopped after ${received} live messages; the connection is closed.`,
  );
  // #endregion live
}

main(conversationId).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
