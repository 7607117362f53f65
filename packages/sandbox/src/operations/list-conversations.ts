import { toConversation } from "../conversation-store.ts";
import { memberOf, type OperationHandler } from "./operation-call.ts";

/** `GET /v1/conversations`: the acting member's conversations, most recently active first. */
export const listConversations: OperationHandler<"listConversations"> = (call) => ({
  status: 200,
  body: { conversations: call.services.store.list(memberOf(call)).map(toConversation) },
});
