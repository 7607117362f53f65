// Conversations: list them with their optional fields, read one as a
// transcript, and post to it. Run it: node conversations.ts

import { type Conversation, initialize, type Message } from "@expys/sdk";

const token = process.env.EXPYS_MEMBER_TOKEN;
const memberID = process.env.EXPYS_EXTERNAL_USER_ID;
if (!token || !memberID) {
  throw new Error("Set EXPYS_MEMBER_TOKEN and EXPYS_EXTERNAL_USER_ID");
}

const expys = initialize({
  environment: "sandbox",
  baseUrl: process.env.EXPYS_BASE_URL,
  token,
});

async function main(memberID: string): Promise<void> {
  // #region list
  // `title` and `lastMessageAt` are always present but may be null: say so.
  function summary(conversation: Conversation): string {
    const title = conversation.title ?? "Untitled";
    const last = conversation.lastMessageAt ?? "no messages yet";
    return `${title} (${conversation.type}), last activity: ${last}`;
  }

  const { conversations } = await expys.listConversations();
  for (const conversation of conversations) console.log(summary(conversation));
  // #endregion list

  // #region read
  // authorID is the member's own id on their messages; anyone else is the
  // concierge.
  function line(message: Message): string {
    const who = message.authorID === memberID ? "you" : "concierge";
    // A message without text (a system event, say) still has a type to show.
    return `${who}: ${message.body ?? `[${message.type}]`}`;
  }

  const booking = conversations.find((c) => c.type === "booking");
  if (!booking) return;
  const title = booking.title ?? "Untitled";
  const { messages } = await expys.listMessages(booking.id);
  console.log(`Transcript of "${title}", ${messages.length} messages:`);
  for (const message of messages) console.log(`  ${line(message)}`);
  // #endregion read

  // #region send
  // The message text is a positional argument; options come after it.
  const { ok } = await expys.sendMessage(
    booking.id,
    "Could we move it to 8pm?",
  );
  console.log(`Posted to "${title}": ok=${ok}`);
  // #endregion send
}

main(memberID).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
