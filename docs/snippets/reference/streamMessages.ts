// The streamMessages example of the API reference: the request, then what it
// answered, printed as JSON.
// Run it: node streamMessages.ts (npx tsx streamMessages.ts on Node 20)

import { initialize } from "@expys/sdk";

const baseUrl = process.env.EXPYS_BASE_URL;
const token = process.env.EXPYS_MEMBER_TOKEN;
const conversationId = process.env.EXPYS_CONVERSATION_ID;
if (!token || !conversationId) {
  throw new Error("Set EXPYS_MEMBER_TOKEN and EXPYS_CONVERSATION_ID");
}

async function main(token: string, conversationId: string): Promise<void> {
  // #region request
  const expys = initialize({ environment: "sandbox", baseUrl, token });
  for await (const message of expys.streamMessages(conversationId)) {
    console.log(JSON.stringify(message, null, 2));
    break; // leaving the loop closes the connection
  }
  // #endregion request
}

main(token, conversationId).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
