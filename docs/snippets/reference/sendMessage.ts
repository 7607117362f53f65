// The sendMessage example of the API reference: the request, then what it
// answered, printed as JSON.
// Run it: node sendMessage.ts (npx tsx sendMessage.ts on Node 20)

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
  // The SDK sends an Idempotency-Key of its own; pass idempotencyKey to
  // choose it.
  const text = "A table for two at 8pm, please.";
  const response = await expys.sendMessage(conversationId, text);
  // #endregion request
  console.log(JSON.stringify(response, null, 2));
}

main(token, conversationId).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
