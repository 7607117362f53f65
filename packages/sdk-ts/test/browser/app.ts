// Runs in Chromium: the SDK as a browser app uses it, against the sandbox on another origin.
import { ExpysApiError, initialize, type Message } from "@expys/sdk";

declare global {
  interface Window {
    runScenario(input: { api: string; token: string; conversationId: string }): Promise<unknown>;
  }
}

window.runScenario = async ({ api, token, conversationId }) => {
  const expys = initialize({ baseUrl: api, environment: "sandbox", token, logLevel: "off" });
  const { conversations } = await expys.listConversations();
  const page = await expys.listMessages(conversationId, { limit: 3 });
  const sent = await expys.sendMessage(conversationId, "from the browser");
  const live: Message[] = [];
  for await (const message of expys.streamMessages(conversationId)) {
    live.push(message);
    if (live.length === 3) break;
  }
  const missing = await expys
    .listMessages("missing")
    .catch((error: unknown) => (error instanceof ExpysApiError ? `${error.status} ${error.code} ${Boolean(error.requestId)}` : String(error)));
  return { conversations: conversations.length, pageSize: page.messages.length, sent, live: live.map((message) => message.body), missing };
};
