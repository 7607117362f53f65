// Authentication: your backend exchanges the Org-API-Key for short-lived
// tokens; the app asks your backend for one through a token provider.
// Run it: node authentication.ts (needs EXPYS_ORG_API_KEY too).

import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { initialize } from "@expys/sdk";
import { initializeServer } from "@expys/sdk/server";

const orgApiKey = process.env.EXPYS_ORG_API_KEY;
const memberID = process.env.EXPYS_EXTERNAL_USER_ID;
if (!orgApiKey || !memberID) {
  throw new Error("Set EXPYS_ORG_API_KEY and EXPYS_EXTERNAL_USER_ID");
}
const baseUrl = process.env.EXPYS_BASE_URL;

async function main(memberID: string, orgApiKey: string): Promise<void> {
  // #region exchange
  // On your backend only: the org key is a long-lived secret; never ship it
  // in an app.
  const expysServer = initializeServer({
    environment: "sandbox",
    baseUrl,
    orgApiKey,
  });

  // With externalUserID: a member token, which can act only for that member.
  const minted = await expysServer.exchangeToken({ externalUserID: memberID });
  const { kind, externalUserID, expiresIn } = minted;
  console.log(
    `Minted a ${kind} token for ${externalUserID}, valid ${expiresIn} s`,
  );
  // #endregion exchange

  // #region backend-route
  // Your backend's token route. Identify the member with your own session
  // first; here the member id is fixed so the example runs on its own.
  const backend = createServer(async (_request, response) => {
    const { token, expiresAt } = await expysServer.exchangeToken({
      externalUserID: memberID,
    });
    response.setHeader("Content-Type", "application/json");
    response.end(JSON.stringify({ token, expiresAt }));
  });
  // #endregion backend-route
  await new Promise<void>((resolve) => backend.listen(0, "127.0.0.1", resolve));
  const { port } = backend.address() as AddressInfo;
  const backendUrl = `http://127.0.0.1:${port}/expys-token`;

  // #region provider
  // In the app: a token saved from an earlier session, if there is one.
  let savedToken = process.env.EXPYS_MEMBER_TOKEN;
  let providerCalls = 0;

  const expys = initialize({
    environment: "sandbox",
    baseUrl,
    // Called for the first request, then again only when the API answers
    // token_expired; the SDK then repeats that request once with the new
    // token.
    token: async () => {
      providerCalls += 1;
      const saved = savedToken;
      // A saved token is good for one try: after that, ask the backend.
      savedToken = undefined;
      if (saved) return saved;
      const response = await fetch(backendUrl);
      if (!response.ok) {
        throw new Error(`the token route answered ${response.status}`);
      }
      const { token } = (await response.json()) as { token: string };
      return token;
    },
  });

  const { conversations } = await expys.listConversations();
  console.log(
    `The app sees ${conversations.length} conversations; ` +
      `token provider called ${providerCalls} time(s)`,
  );
  // #endregion provider

  // #region machine
  // Without externalUserID: a machine token, for backend jobs that act for
  // any member. Every call then names the member it acts for.
  const machine = await expysServer.exchangeToken();
  const worker = initialize({
    environment: "sandbox",
    baseUrl,
    token: machine.token,
  });
  const forMember = await worker.listConversations({
    externalUserID: memberID,
  });
  const count = forMember.conversations.length;
  console.log(
    `A ${machine.kind} token listed ${count} conversations for ${memberID}`,
  );
  // #endregion machine

  backend.close();
}

main(memberID, orgApiKey).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
