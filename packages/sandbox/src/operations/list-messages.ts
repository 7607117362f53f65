import { ownedConversation, type OperationHandler } from "./operation-call.ts";

/** The page size when `limit` is omitted, as the spec documents it. */
const defaultLimit = 50;

/**
 * `GET /v1/conversations/{id}/messages`: the first page holds the most recent
 * messages, `nextCursor` leads to older ones, and each page is oldest first.
 */
export const listMessages: OperationHandler<"listMessages"> = (call) => {
  const conversation = ownedConversation(call, call.input.path.id);
  const { limit = defaultLimit, cursor } = call.input.query;
  const size = conversation.messages.length;
  const before = cursor === undefined ? size : call.services.cursors.decode(cursor, conversation.id, size);
  const start = Math.max(0, before - limit);
  return {
    status: 200,
    body: {
      messages: conversation.messages.slice(start, before),
      nextCursor: start > 0 ? call.services.cursors.encode(conversation.id, start) : null,
    },
  };
};
