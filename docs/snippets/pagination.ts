// Pagination: one page and its cursor, then every message with `for await`,
// then page by page. Run it: node pagination.ts (npx tsx on Node 20)

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
  // #region one-page
  // Awaiting the call gives exactly one page: the newest messages.
  const newest = await expys.listMessages(id, { limit: 50 });
  const more = newest.nextCursor !== null;
  console.log(`Newest page: ${newest.messages.length} messages, more: ${more}`);

  // Pass nextCursor back as `cursor` for the page of older messages.
  if (newest.nextCursor !== null) {
    const cursor = newest.nextCursor;
    const older = await expys.listMessages(id, { limit: 50, cursor });
    console.log(`Next page: ${older.messages.length} older messages`);
  }
  // #endregion one-page

  // #region every-message
  // Iterating the same call walks every message, fetching the next page
  // only when the loop gets there; breaking out stops the fetching.
  let total = 0;
  let first: string | undefined;
  for await (const message of expys.listMessages(id, { limit: 50 })) {
    total += 1;
    // Pages come newest first but read oldest first inside: compare, don't
    // assume.
    if (first === undefined || message.createdAt < first) {
      first = message.createdAt;
    }
  }
  console.log(`Every message: ${total}, the first posted at ${first}`);
  // #endregion every-message

  // #region pages
  // Or take whole pages, for example to render them in chunks.
  const sizes: number[] = [];
  for await (const page of expys.listMessages(id, { limit: 50 }).pages()) {
    sizes.push(page.messages.length);
  }
  console.log(`${sizes.length} pages of ${sizes.join(", ")} messages`);
  // #endregion pages
}

main(conversationId).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
