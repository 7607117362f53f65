import type { Conversation, Message } from "./api-types.ts";
import type { Random } from "./random.ts";

/** Called with each message of a conversation as it is posted. */
export type MessageListener = (message: Message) => void;

/** A conversation with its messages, as the store keeps it. */
export interface StoredConversation {
  readonly id: string;
  /** The member (`externalUserID`) the conversation belongs to. */
  readonly owner: string;
  readonly type: string;
  readonly title: string | null;
  /** Every message, oldest first. Append-only, which keeps cursors and event ids valid. */
  readonly messages: readonly Message[];
}

interface MutableConversation extends StoredConversation {
  messages: Message[];
  positions: Map<string, number>;
  /** The store-wide post counter at the last post: orders conversations without clock ties. */
  activity: number;
  created: number;
  listeners: Set<MessageListener>;
}

/** A message to post: `createdAt` defaults to now. */
export interface NewMessage {
  authorID: string;
  body: string | null;
  type?: string | undefined;
  createdAt?: Date | undefined;
}

/**
 * The sandbox's embedded in-memory database: members' conversations and their
 * messages. Everything is synchronous, so a post and the notification of its
 * listeners happen in one turn of the event loop, which is what lets a stream
 * replay history and go live without a gap or a duplicate.
 */
export class ConversationStore {
  readonly #random: Random;
  readonly #byId = new Map<string, MutableConversation>();
  readonly #byOwner = new Map<string, MutableConversation[]>();
  #posts = 0;

  constructor(random: Random) {
    this.#random = random;
  }

  /** Adds an empty conversation for `owner`. */
  create(owner: string, type: string, title: string | null): StoredConversation {
    const conversation: MutableConversation = {
      id: this.#random.id("cnv_"),
      owner,
      type,
      title,
      messages: [],
      positions: new Map(),
      activity: 0,
      created: this.#byId.size,
      listeners: new Set(),
    };
    this.#byId.set(conversation.id, conversation);
    const owned = this.#byOwner.get(owner) ?? [];
    owned.push(conversation);
    this.#byOwner.set(owner, owned);
    return conversation;
  }

  /** The conversation with `id`, whoever owns it. */
  get(id: string): StoredConversation | undefined {
    return this.#byId.get(id);
  }

  /** The conversation with `id` if `owner` owns it: another member's is as good as absent. */
  owned(owner: string, id: string): StoredConversation | undefined {
    const conversation = this.#byId.get(id);
    return conversation?.owner === owner ? conversation : undefined;
  }

  /**
   * `owner`'s conversations, latest `lastMessageAt` first (ties: the one posted
   * to last), then the empty ones, newest first.
   */
  list(owner: string): StoredConversation[] {
    const lastAt = (conversation: MutableConversation): string => conversation.messages.at(-1)?.createdAt ?? "";
    return [...(this.#byOwner.get(owner) ?? [])].sort((a, b) => lastAt(b).localeCompare(lastAt(a)) || b.activity - a.activity || b.created - a.created);
  }

  /** Appends a message, notifies the conversation's and the store's listeners, and returns it. */
  post(conversationId: string, message: NewMessage): Message {
    const conversation = this.#byId.get(conversationId);
    if (!conversation) throw new RangeError(`no conversation ${conversationId}`);
    const previous = conversation.messages.at(-1)?.createdAt;
    let createdAt = (message.createdAt ?? new Date()).toISOString();
    // Keep createdAt non-decreasing within a conversation even if the clock steps back.
    if (previous !== undefined && createdAt < previous) createdAt = previous;
    const stored: Message = Object.freeze({
      id: this.#random.id("msg_"),
      type: message.type ?? "text",
      authorID: message.authorID,
      body: message.body,
      createdAt,
    });
    conversation.positions.set(stored.id, conversation.messages.push(stored) - 1);
    this.#posts += 1;
    conversation.activity = this.#posts;
    for (const listener of conversation.listeners) listener(stored);
    return stored;
  }

  /** The position of message `messageId` in conversation `conversationId`, if it is one of its messages. */
  positionOf(conversationId: string, messageId: string): number | undefined {
    return this.#byId.get(conversationId)?.positions.get(messageId);
  }

  /** Calls `listener` for each new message of one conversation until the returned function is called. */
  subscribe(conversationId: string, listener: MessageListener): () => void {
    const listeners = this.#byId.get(conversationId)?.listeners;
    if (!listeners) throw new RangeError(`no conversation ${conversationId}`);
    listeners.add(listener);
    return () => listeners.delete(listener);
  }
}

/** A conversation as the API shows it. */
export function toConversation(conversation: StoredConversation): Conversation {
  return {
    id: conversation.id,
    type: conversation.type,
    title: conversation.title,
    lastMessageAt: conversation.messages.at(-1)?.createdAt ?? null,
  };
}
