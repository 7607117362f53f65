// The listConversations example of the API reference: the request, then what it
// answered, printed as JSON.
// Run it: node listConversations.ts (npx tsx listConversations.ts on Node 20)

import { initialize } from "@expys/sdk";

const baseUrl = process.env.EXPYS_BASE_URL;
const token = process.env.EXPYS_MEMBER_TOKEN;
if (!token) throw new Error("Set EXPYS_MEMBER_TOKEN");

async function main(token: string): Promise<void> {
  // #region request
  const expys = initialize({ environment: "sandbox", baseUrl, token });
  const response = await expys.listConversations();
  // #endregion request
  console.log(JSON.stringify(response, null, 2));
}

main(token).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
