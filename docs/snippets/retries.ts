// Retries and idempotency: tune retries, choose your own idempotency key, and
// see a repeated send replayed instead of posted twice.
// Run it: node retries.ts (npx tsx retries.ts on Node 20)

import { randomUUID } from "node:crypto";
import { initialize } from "@expys/sdk";

const token = process.env.EXPYS_MEMBER_TOKEN;
const conversationId = process.env.EXPYS_CONVERSATION_ID;
if (!token || !conversationId) {
  throw new Error("Set EXPYS_MEMBER_TOKEN and EXPYS_CONVERSATION_ID");
}

// #region client-options
const expys = initialize({
  environment: "sandbox",
  baseUrl: process.env.EXPYS_BASE_URL,
  token,
  maxRetries: 3, // default 2: up to 3 attempts in all
  timeout: 20_000, // per attempt, in ms; default 60 s
  // Full jitter: a random wait below min(cap, base * 2^attempt).
  backoff: { baseMs: 500, capMs: 10_000 },
  // A longer Retry-After fails the call rather than hang it.
  maxRetryAfterMs: 30_000,
});
// #endregion client-options

async function main(id: string): Promise<void> {
  // #region per-call
  // A search box would rather fail fast than keep the user waiting.
  const { conversations } = await expys.listConversations(
    {},
    { maxRetries: 0, timeout: 5_000 },
  );
  console.log(`Listed ${conversations.length} conversations with retries off`);
  // #endregion per-call

  // #region idempotency-key
  // Keep the key with the unsent message (an outbox row, say), so a retry
  // after an app restart reuses it and the API can recognise the repeat.
  const outbox = {
    text: "Please add a note: it's our anniversary.",
    idempotencyKey: randomUUID(),
  };
  const { text, idempotencyKey } = outbox;
  // `Idempotent-Replayed: true` marks an answer replayed from the first send.
  const replayed = ({ response }: { response: Response }) =>
    response.headers.get("Idempotent-Replayed") ?? "false";

  const first = await expys
    .sendMessage(id, text, { idempotencyKey })
    .withResponse();
  console.log(`First send: ok=${first.data.ok}, replayed=${replayed(first)}`);

  // The same send again, as after a crash between sending and marking it sent.
  const again = await expys
    .sendMessage(id, text, { idempotencyKey })
    .withResponse();
  console.log(
    `Same key again: ok=${again.data.ok}, replayed=${replayed(again)}`,
  );
  console.log(`Request ids: ${first.requestId} then ${again.requestId}`);
  // #endregion idempotency-key

  // #region count
  const { messages } = await expys.listMessages(id, { limit: 20 });
  const copies = messages.filter((message) => message.body === text).length;
  console.log(`The message is in the conversation ${copies} time(s)`);
  // #endregion count
}

main(conversationId).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
