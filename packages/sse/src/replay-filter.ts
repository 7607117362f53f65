import type { EventFilter } from "./event-stream-session.ts";

/** How many delivered ids a resumed connection checks replays against. */
const REMEMBERED_IDS = 1000;

/**
 * Drops the events a resumed connection replays. A server resuming from
 * `Last-Event-ID` may resend that event, or a few before it (at-least-once
 * delivery); an event whose own `id` field names one of the last 1,000
 * delivered ids is dropped, until the first event with a new id ends the
 * replay. Later repeats are the server's business and are delivered. Events
 * without an id of their own (or whose `id` field cleared it) always pass.
 *
 * Recording an id is one array write, cheap enough for every event; the set a
 * resumed connection checks against is built once, when it opens.
 *
 * Returns the function to call when a connection opens, which returns the
 * filter for that connection's events.
 *
 * `resumeFrom`: the `lastEventId` the stream starts from, which the consumer already has.
 */
export function replayFilter(resumeFrom: string | undefined): () => EventFilter {
  /** A ring of the last REMEMBERED_IDS delivered ids. */
  const delivered: string[] = [];
  let recorded = 0;
  let replayed: Set<string> | undefined;
  const record = (id: string): void => {
    delivered[recorded++ % REMEMBERED_IDS] = id;
  };
  if (resumeFrom) record(resumeFrom);
  const accepts: EventFilter = (ownId) => {
    if (!ownId) return true;
    if (replayed?.has(ownId)) return false;
    replayed = undefined;
    record(ownId);
    return true;
  };
  // A connection opened: until its first event with a new id, events already
  // delivered are replays. On the first connection, without a lastEventId, the
  // set is empty and drops nothing.
  return () => {
    replayed = new Set(delivered);
    return accepts;
  };
}
