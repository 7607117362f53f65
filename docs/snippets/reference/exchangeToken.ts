// The exchangeToken example of the API reference: the request, then what it
// answered, printed as JSON.
// Run it: node exchangeToken.ts (npx tsx exchangeToken.ts on Node 20)

import { initializeServer } from "@expys/sdk/server";

const baseUrl = process.env.EXPYS_BASE_URL;
const orgApiKey = process.env.EXPYS_ORG_API_KEY;
const memberID = process.env.EXPYS_EXTERNAL_USER_ID;
if (!orgApiKey || !memberID) {
  throw new Error("Set EXPYS_ORG_API_KEY and EXPYS_EXTERNAL_USER_ID");
}

async function main(orgApiKey: string, memberID: string): Promise<void> {
  // #region request
  // On your backend only: the org key must never ship in an app.
  const server = initializeServer({
    environment: "sandbox",
    baseUrl,
    orgApiKey,
  });
  const minted = await server.exchangeToken({ externalUserID: memberID });
  // #endregion request
  console.log(JSON.stringify(minted, null, 2));
}

main(orgApiKey, memberID).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
