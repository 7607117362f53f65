// Quickstart: list the member's conversations, read the latest one, reply.
// Run it against the sandbox (see docs/README.md): node snippets/quickstart.ts

// #region initialize
import { initialize } from "@expys/sdk";

// Your backend mints this member token from its Org-API-Key (see Authentication).
// The app only ever holds the short-lived token, never the key.
const token = process.env.EXPYS_MEMBER_TOKEN;
if (!token) throw new Error("Set EXPYS_MEMBER_TOKEN to a member token from your backend");

// One client per app: it holds no connection, so create it once and reuse it.
const expys = initialize({
  environment: "sandbox",
  baseUrl: process.env.EXPYS_BASE_URL, // unset: the environment's own URL
  token,
});
// #endregion initialize

// #region list
const { conversations } = await expys.listConversations();
console.log(`${conversations.length} conversations, most recently active first:`);
for (const conversation of conversations) {
  console.log(`  ${conversation.title ?? "(untitled)"} [${conversation.type}]`);
}
// #endregion list

const latest = conversations[0];
if (!latest) throw new Error("this member has no conversations yet");

// #region read
// The first page holds the newest messages, oldest first, so it reads as a transcript.
const { messages } = await expys.listMessages(latest.id, { limit: 5 });
console.log(`The last ${messages.length} messages of "${latest.title ?? "(untitled)"}":`);
for (const message of messages) {
  console.log(`  ${message.authorID}: ${message.body ?? "(no text)"}`);
}
// #endregion read

// #region send
// The SDK attaches an Idempotency-Key, so an automatic retry never posts twice.
const { ok } = await expys.sendMessage(latest.id, "Hi! Can you book a table for Friday?");
console.log(`Sent a reply: ok=${ok}`);
// #endregion send
