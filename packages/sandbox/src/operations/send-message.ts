import { memberOf, ownedConversation, type OperationHandler } from "./operation-call.ts";

/**
 * `POST /v1/conversations/{id}/messages`: posts the message as the acting
 * member. Idempotency keys are handled by the request pipeline around it.
 */
export const sendMessage: OperationHandler<"sendMessage"> = (call) => {
  const conversation = ownedConversation(call, call.input.path.id);
  call.services.store.post(conversation.id, { authorID: memberOf(call), body: call.input.body.message });
  call.services.agent.memberPosted(conversation.id);
  return { status: 200, body: { ok: true } };
};
