import type { ConversationStore } from "./conversation-store.ts";
import type { Random } from "./random.ts";
import type { Timers } from "./timers.ts";

/** The `authorID` of every message the simulated concierge posts. */
export const conciergeAuthorID = "concierge";

/** When the simulated concierge speaks; `false` switches that behaviour off. */
export interface ConciergeSchedule {
  /** Delay before it replies to each message a member posts. */
  replyDelayMs: number | false;
  /** While a stream is open on a conversation, the interval between its unprompted messages. */
  chatterIntervalMs: number | false;
}

const replies = [
  "Thanks, I'm on it. I'll update you here shortly.",
  "Got it! Let me check that for you.",
  "Happy to help. Give me a moment to look into it.",
  "Noted. I'll come back to you in this thread.",
];

const updates = [
  "Quick update: I've contacted the venue and I'm waiting to hear back.",
  "Good news, your reservation is confirmed.",
  "I've found two options that match what you asked for.",
  "Your driver is on the way and will arrive in about ten minutes.",
  "Just checking in: is there anything else I can arrange for you?",
];

/**
 * The simulated concierge that makes the sandbox feel live: it replies to each
 * message a member posts, and keeps watched conversations busy so a streaming
 * demo has something to show without sending anything itself.
 */
export class ConciergeAgent {
  readonly #store: ConversationStore;
  readonly #random: Random;
  readonly #timers: Timers;
  readonly #schedule: ConciergeSchedule;
  /** Conversation id -> open streams on it and the cancel function of its chatter. */
  readonly #watched = new Map<string, { streams: number; stop: () => void }>();
  #stopped = false;

  constructor(store: ConversationStore, random: Random, timers: Timers, schedule: ConciergeSchedule) {
    this.#store = store;
    this.#random = random;
    this.#timers = timers;
    this.#schedule = schedule;
  }

  /**
   * Notes that a member sent a message through the API, and schedules the
   * reply. Messages a test or the seed posts directly get none.
   */
  memberPosted(conversationId: string): void {
    const delay = this.#schedule.replyDelayMs;
    if (delay === false || this.#stopped) return;
    this.#timers.timeout(() => this.#say(conversationId, this.#random.pick(replies)), delay);
  }

  /** Notes a stream opening on a conversation; returns the function to call when it closes. */
  watch(conversationId: string): () => void {
    const interval = this.#schedule.chatterIntervalMs;
    if (interval === false || this.#stopped) return () => undefined;
    let watch = this.#watched.get(conversationId);
    if (!watch) {
      const stop = this.#timers.interval(() => this.#say(conversationId, this.#random.pick(updates)), interval);
      watch = { streams: 0, stop };
      this.#watched.set(conversationId, watch);
    }
    watch.streams += 1;
    const current = watch;
    let closed = false;
    return () => {
      if (closed) return;
      closed = true;
      current.streams -= 1;
      if (current.streams === 0) {
        current.stop();
        this.#watched.delete(conversationId);
      }
    };
  }

  /** Stops replying and chattering for good; replies already scheduled are the owner's timers to clear. */
  stop(): void {
    this.#stopped = true;
    for (const watch of this.#watched.values()) watch.stop();
    this.#watched.clear();
  }

  #say(conversationId: string, body: string): void {
    this.#store.post(conversationId, { authorID: conciergeAuthorID, body });
  }
}
