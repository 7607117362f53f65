import type { ServerResponse } from "node:http";
import type { Message } from "./api-types.ts";

/** How an event stream behaves. */
export interface EventStreamSettings {
  /** The `retry:` hint, in milliseconds. */
  retryMs: number;
  /** How often a heartbeat comment is sent while nothing else is waiting to go out. */
  heartbeatMs: number;
  /** Destroy the connection once this many message events have been flushed (a `cutStream` fault). */
  cutAfterEvents: number | undefined;
  /** When the stream ends (the expiry of the token it was opened with), in milliseconds since the epoch. */
  endsAt: number;
}

/** The longest delay a Node timer takes; a later expiry is re-armed in steps. */
const maxTimerMs = 2 ** 31 - 1;

/**
 * One open Server-Sent Events response over one conversation's append-only
 * history. The stream holds the position of the next message to send and
 * writes from there whenever the socket can take more: a replay after
 * `Last-Event-ID` and the live messages that arrive during it go out in one
 * order, each exactly once, with no limit on how many are waiting. Each message
 * is one `message` event whose `id` is the message id, the opaque position that
 * `Last-Event-ID` resumes after.
 */
export class EventStream {
  readonly conversationId: string;
  /** The member the stream was opened for, for the per-member limit. */
  readonly member: string;
  readonly #res: ServerResponse;
  readonly #messages: readonly Message[];
  readonly #settings: EventStreamSettings;
  #next = 0;
  #sent = 0;
  #draining = false;
  #heartbeat: NodeJS.Timeout | undefined;
  #expiry: NodeJS.Timeout | undefined;

  constructor(res: ServerResponse, conversation: { id: string; messages: readonly Message[] }, member: string, settings: EventStreamSettings) {
    this.#res = res;
    this.conversationId = conversation.id;
    this.#messages = conversation.messages;
    this.member = member;
    this.#settings = settings;
  }

  /**
   * Sends the response head, the `retry:` hint and the id of position `after`,
   * then every message after it, and keeps going live. The id comes first, in
   * a block without data (HTML §9.2.6: it sets the client's last event id and
   * dispatches nothing), so a client that loses the connection before the
   * first message arrives still resumes from where it started, and misses
   * nothing posted meanwhile.
   */
  open(after: number, afterId: string): void {
    this.#next = after + 1;
    this.#res.writeHead(200, {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      Connection: "keep-alive",
      // Proxies such as nginx buffer responses unless told not to.
      "X-Accel-Buffering": "no",
    });
    this.#write(`retry: ${this.#settings.retryMs}\nid: ${afterId}\n\n`, this.#settings.cutAfterEvents === 0);
    this.#heartbeat = setInterval(() => {
      if (!this.#draining) this.#write(": heartbeat\n\n");
    }, this.#settings.heartbeatMs);
    this.#armExpiry();
    this.#res.once("close", () => {
      clearInterval(this.#heartbeat);
      clearTimeout(this.#expiry);
    });
    this.pump();
  }

  /**
   * Writes the messages not sent yet until they are all out or the socket's
   * buffer is full, then waits for `drain` to go on: a replay of any length
   * costs the server about one buffer of memory, however slowly the client
   * reads. Each event is its own chunk of the response, so a connection cut
   * mid-way still delivers every event before the cut (some clients pass on
   * a chunk only once it is whole); Node sends the chunks written in one turn
   * in one system call. Called on open and for each new message.
   */
  pump(): void {
    const cut = this.#settings.cutAfterEvents;
    while (!this.#draining && this.#next < this.#messages.length && this.#writable() && (cut === undefined || this.#sent < cut)) {
      const message = this.#messages[this.#next] as Message;
      this.#next += 1;
      this.#sent += 1;
      if (!this.#write(`id: ${message.id}\nevent: message\ndata: ${JSON.stringify(message)}\n\n`, this.#sent === cut)) {
        this.#draining = true;
        this.#res.once("drain", () => {
          this.#draining = false;
          this.pump();
        });
      }
    }
  }

  /** Ends the stream cleanly, as on shutdown. */
  end(): void {
    clearInterval(this.#heartbeat);
    clearTimeout(this.#expiry);
    if (this.#writable()) this.#res.end();
  }

  /** Calls `listener` once when the connection closes, for whatever reason. */
  onClose(listener: () => void): void {
    this.#res.once("close", listener);
  }

  /** Ends the stream when its token expires, so it never outlives the credential it was opened with. */
  #armExpiry(): void {
    const remaining = this.#settings.endsAt - Date.now();
    if (remaining > maxTimerMs) {
      this.#expiry = setTimeout(() => this.#armExpiry(), maxTimerMs);
      return;
    }
    this.#expiry = setTimeout(
      () => {
        clearInterval(this.#heartbeat);
        if (this.#writable()) this.#res.end(": token expired; reconnect with a fresh token and Last-Event-ID to continue\n\n");
      },
      Math.max(0, remaining),
    );
  }

  #writable(): boolean {
    return !this.#res.destroyed && !this.#res.writableEnded;
  }

  /**
   * Writes `chunk`; with `thenCut`, destroys the connection once the chunk has
   * reached the socket. Returns `false` when the socket's buffer is full.
   */
  #write(chunk: string, thenCut = false): boolean {
    if (!this.#writable()) return true;
    return thenCut ? this.#res.write(chunk, () => this.#res.destroy()) : this.#res.write(chunk);
  }
}
