/**
 * The ids of the most recently delivered events, bounded in count. Recording
 * an id is one array write, cheap enough for every event; the set a resumed
 * connection checks against is built once, when it opens.
 */
export class RecentIds {
  private readonly ids: string[] = [];
  private next = 0;
  private readonly capacity: number;

  constructor(capacity: number) {
    this.capacity = capacity;
  }

  record(id: string): void {
    if (this.ids.length < this.capacity) {
      this.ids.push(id);
      return;
    }
    this.ids[this.next] = id;
    this.next = this.next + 1 === this.capacity ? 0 : this.next + 1;
  }

  snapshot(): Set<string> {
    return new Set(this.ids);
  }
}
