import { exchangeToken } from "./exchange-token.ts";
import { listConversations } from "./list-conversations.ts";
import { listMessages } from "./list-messages.ts";
import type { OperationHandlers } from "./operation-call.ts";
import { sendMessage } from "./send-message.ts";
import { streamMessages } from "./stream-messages.ts";

/** The handler of every operation, by `operationId`. */
export const operationHandlers: OperationHandlers = {
  exchangeToken,
  listConversations,
  listMessages,
  sendMessage,
  streamMessages,
};
