import { createHash } from "node:crypto";
import { ApiError } from "./api-error.ts";
import type { JsonReply } from "./reply.ts";

/** How long a key is remembered, as the spec promises. */
const idempotencyKeyTtlMs = 24 * 60 * 60 * 1000;

interface Entry {
  fingerprint: string;
  expiresAt: number;
  /** `undefined` while the first request with the key is still being processed. */
  reply: JsonReply | undefined;
}

/** A key claimed by the request now processing it; exactly one of the two must be called. */
export interface IdempotencyClaim {
  /** Stores the outcome, so later requests with the key replay it. */
  complete(reply: JsonReply): void;
  /** Forgets the key (the write did not happen), so a retry runs afresh. */
  release(): void;
}

/** What to do with a request that carries a key. */
export type IdempotencyDecision = { claim: IdempotencyClaim } | { replay: JsonReply };

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** A hash of what makes two requests "the same write": the path and the body, key order ignored. */
export function requestFingerprint(pathname: string, body: unknown): string {
  return createHash("sha256").update(pathname).update("\n").update(canonicalJson(body)).digest("base64url");
}

/**
 * Remembers `Idempotency-Key`s, scoped to the acting member and the operation.
 * The same key and body replays the stored outcome; a different body is
 * `idempotency_conflict`; the same key while the first request is still in
 * flight is `idempotency_in_progress` (retryable: the retry replays). Only
 * successful outcomes are stored; a failed write releases its key.
 */
export class IdempotencyStore {
  readonly #entries = new Map<string, Entry>();
  readonly #ttlMs: number;
  readonly #now: () => number;
  #nextSweep = 0;

  constructor(ttlMs = idempotencyKeyTtlMs, now: () => number = Date.now) {
    this.#ttlMs = ttlMs;
    this.#now = now;
  }

  /** Decides between processing a request (a claim) and replaying an earlier outcome; throws the two 409s. */
  begin(scope: string, key: string, fingerprint: string): IdempotencyDecision {
    const now = this.#now();
    this.#sweep(now);
    const id = `${scope}\n${key}`;
    const existing = this.#entries.get(id);
    if (existing && existing.expiresAt > now) {
      if (existing.fingerprint !== fingerprint) {
        throw new ApiError("idempotency_conflict", "this Idempotency-Key was already used with a different request; use a new key for a new message", {
          param: "Idempotency-Key",
        });
      }
      if (existing.reply === undefined) {
        throw new ApiError("idempotency_in_progress", "a request with this Idempotency-Key is still being processed; retry shortly to get its outcome", {
          param: "Idempotency-Key",
          retryAfter: 1,
        });
      }
      return { replay: { ...existing.reply, headers: { ...existing.reply.headers, "Idempotent-Replayed": "true" } } };
    }
    const entry: Entry = { fingerprint, expiresAt: now + this.#ttlMs, reply: undefined };
    this.#entries.set(id, entry);
    return {
      claim: {
        complete: (reply) => {
          entry.reply = reply;
        },
        release: () => {
          if (this.#entries.get(id) === entry) this.#entries.delete(id);
        },
      },
    };
  }

  /** Drops expired keys, at most once a minute, so memory stays bounded by a day of traffic. */
  #sweep(now: number): void {
    if (now < this.#nextSweep) return;
    this.#nextSweep = now + 60_000;
    for (const [id, entry] of this.#entries) if (entry.expiresAt <= now) this.#entries.delete(id);
  }
}
