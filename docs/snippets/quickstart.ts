// Quickstart: list the member's conversations, read the latest one, reply.
// Run it against the sandbox (see the Quickstart page):
//   node quickstart.ts          (Node 22.18 or later runs TypeScript itself)
//   npx tsx quickstart.ts       (Node 20)

// #region program
// #region initialize
import { initialize } from "@expys/sdk";

// Your backend mints this member token from its Org-API-Key (see
// Authentication). The app only ever holds the short-lived token.
const token = process.env.EXPYS_MEMBER_TOKEN;
if (!token) {
  throw new Error("Set EXPYS_MEMBER_TOKEN to a member token from your backend");
}

// One client per app: it holds no connection, so create it once and reuse it.
const expys = initialize({
  environment: "sandbox",
  baseUrl: process.env.EXPYS_BASE_URL, // unset: the environment's own URL
  token,
});
// #endregion initialize

async function main(): Promise<void> {
  // #region list
  const { conversations } = await expys.listConversations();
  const count = conversations.length;
  console.log(`${count} conversations, most recently active first:`);
  for (const conversation of conversations) {
    const title = conversation.title ?? "(untitled)";
    console.log(`  ${title} [${conversation.type}]`);
  }
  // #endregion list

  const latest = conversations[0];
  if (!latest) throw new Error("this member has no conversations yet");

  // #region read
  // The first page holds the newest messages, oldest first: a transcript.
  const { messages } = await expys.listMessages(latest.id, { limit: 5 });
  const title = latest.title ?? "(untitled)";
  console.log(`The last ${messages.length} messages of "${title}":`);
  for (const message of messages) {
    console.log(`  ${message.authorID}: ${message.body ?? "(no text)"}`);
  }
  // #endregion read

  // #region send
  // The SDK attaches an Idempotency-Key: an automatic retry never posts twice.
  const text = "Hi! Can you book a table for Friday?";
  const { ok } = await expys.sendMessage(latest.id, text);
  console.log(`Sent a reply: ok=${ok}`);
  // #endregion send
}

// #region run
main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
// #endregion run
// #endregion program
