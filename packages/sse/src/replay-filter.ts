/** How many delivered ids a resumed connection checks replays against. */
const REMEMBERED_IDS = 1000;

/**
 * Drops the events a resumed connection replays. A server resuming from
 * `Last-Event-ID` may resend that event, or a few before it (at-least-once
 * delivery); an event whose own `id` field names one of the last 1,000
 * delivered ids is dropped, until the first event with a new id ends the
 * replay. Later repeats are the server's business and are delivered.
 *
 * Recording an id is one array write, cheap enough for every event; the set a
 * resumed connection checks against is built once, when it opens.
 */
export class ReplayFilter {
  private readonly delivered: string[] = [];
  private next = 0;
  private replayed: Set<string> | undefined;

  /** `resumeFrom`: the `lastEventId` the stream starts from, which the consumer already has. */
  constructor(resumeFrom: string | undefined) {
    if (resumeFrom) this.record(resumeFrom);
  }

  /** A connection opened; `resumed` when it continues from a last event id. */
  connectionOpened(resumed: boolean): void {
    this.replayed = resumed ? new Set(this.delivered) : undefined;
  }

  /** Whether to deliver an event; `hasOwnId` says its own block set `id`. */
  accepts(id: string | undefined, hasOwnId: boolean): boolean {
    if (!hasOwnId || id === undefined) return true;
    if (this.replayed !== undefined) {
      if (this.replayed.has(id)) return false;
      this.replayed = undefined;
    }
    this.record(id);
    return true;
  }

  private record(id: string): void {
    if (this.delivered.length < REMEMBERED_IDS) {
      this.delivered.push(id);
      return;
    }
    this.delivered[this.next] = id;
    this.next = this.next + 1 === REMEMBERED_IDS ? 0 : this.next + 1;
  }
}
