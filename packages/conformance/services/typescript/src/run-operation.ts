import type { ExpysClient, Message } from "@expys/sdk";

/** The operations of `POST /clients/{id}/calls`. */
export const operations = ["listConversations", "listMessages", "sendMessage", "listAllMessages"] as const;

/** One of {@link operations}. */
export type Operation = (typeof operations)[number];

type Params = Record<string, unknown>;

/**
 * The named params that are present, as the SDK's options object: omitted ones
 * stay omitted, and present ones are passed as they came, wrong or not.
 */
function pick(params: Params, names: readonly string[]): never {
  const picked: Params = {};
  for (const name of names) if (params[name] !== undefined) picked[name] = params[name];
  return picked as never;
}

/** Makes one SDK call, as an app would write it, and resolves with its result. */
export async function runOperation(client: ExpysClient, operation: Operation, params: Params, signal: AbortSignal): Promise<unknown> {
  const id = params.conversationId as string;
  switch (operation) {
    case "listConversations":
      return client.listConversations(pick(params, ["externalUserID"]), { signal });
    case "listMessages":
      return client.listMessages(id, pick(params, ["limit", "cursor", "externalUserID"]), { signal });
    case "sendMessage":
      return client.sendMessage(id, params.message as string, pick(params, ["idempotencyKey", "externalUserID"]), { signal });
    case "listAllMessages": {
      const messages: Message[] = [];
      for await (const message of client.listMessages(id, pick(params, ["limit", "cursor", "externalUserID"]), { signal })) messages.push(message);
      return messages;
    }
  }
}
