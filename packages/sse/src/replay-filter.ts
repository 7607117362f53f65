import type { EventFilter } from "./event-stream-session.ts";

/** A replay filter: `resumed()` when a connection opens, then `accepts` for each of its events. */
export interface ReplayFilter {
  resumed(): void;
  accepts: EventFilter;
}

/** How many delivered ids a resumed connection checks replays against, at most. */
export const REMEMBERED_IDS = 1000;
/**
 * How much text those ids may hold together, in UTF-16 code units (so at most
 * 128 KiB): the oldest are forgotten first, and an id longer than this alone
 * is not remembered at all.
 */
export const REMEMBERED_ID_UNITS = 65_536;

/**
 * Drops the events a resumed connection replays. A server resuming from
 * `Last-Event-ID` may resend that event, or a few before it (at-least-once
 * delivery); an event whose own `id` field names one of the recently
 * delivered ids (the last 1,000, as far as they fit in 64 Ki code units) is
 * dropped, until the first event with a new id ends the replay. Later repeats
 * are the server's business and are delivered. Events without an id of their
 * own (or whose `id` field cleared it) always pass.
 *
 * Recording an id is an array push, cheap enough for every event; the set a
 * resumed connection checks against is built once, when it opens.
 *
 * Returns `resumed`, to call when a connection opens, and the filter.
 *
 * `resumeFrom`: the `lastEventId` the stream starts from, which the consumer already has.
 */
export function replayFilter(resumeFrom: string | undefined): ReplayFilter {
  /** The remembered ids, oldest first from `oldest`. */
  let delivered: string[] = [];
  let oldest = 0;
  let units = 0;
  let replayed: Set<string> | undefined;
  const record = (id: string): void => {
    if (id.length > REMEMBERED_ID_UNITS) return;
    // A copy of a longer id: the parser's may be a slice that keeps its whole
    // decoded chunk alive (V8 copies shorter ones itself).
    delivered.push(id.length > 12 ? ` ${id}`.slice(1) : id);
    units += id.length;
    while (delivered.length - oldest > REMEMBERED_IDS || units > REMEMBERED_ID_UNITS) units -= delivered[oldest++]!.length;
    // Compact now and then, so the array holds little more than the ids it remembers.
    if (oldest > REMEMBERED_IDS) {
      delivered = delivered.slice(oldest);
      oldest = 0;
    }
  };
  if (resumeFrom) record(resumeFrom);
  return {
    // A connection opened: until its first event with a new id, events already
    // delivered are replays. On the first connection, without a lastEventId, the
    // set is empty and drops nothing.
    resumed: () => {
      replayed = new Set(delivered.slice(oldest));
    },
    accepts: (ownId) => {
      if (!ownId) return true;
      if (replayed?.has(ownId)) return false;
      replayed = undefined;
      record(ownId);
      return true;
    },
  };
}
