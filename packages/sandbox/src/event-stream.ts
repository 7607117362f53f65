import type { ServerResponse } from "node:http";
import type { Message } from "./api-types.ts";

/** How an event stream behaves. */
export interface EventStreamSettings {
  /** The `retry:` hint, in milliseconds. */
  retryMs: number;
  /** How often a heartbeat comment is sent on an idle or busy stream. */
  heartbeatMs: number;
  /** Destroy the connection once this many message events have been flushed (a `cutStream` fault). */
  cutAfterEvents: number | undefined;
}

/**
 * A reader that stops reading could make the server buffer without bound; past
 * this many unsent bytes the connection is dropped instead, and the client's
 * reconnect with `Last-Event-ID` replays what it missed.
 */
const maxBufferedBytes = 1024 * 1024;

/**
 * One open Server-Sent Events response. Each message is one `message` event
 * whose `id` is the message id, an opaque position in the conversation that
 * `Last-Event-ID` resumes after.
 */
export class EventStream {
  readonly conversationId: string;
  readonly #res: ServerResponse;
  readonly #settings: EventStreamSettings;
  #sent = 0;
  #heartbeat: NodeJS.Timeout | undefined;

  constructor(res: ServerResponse, conversationId: string, settings: EventStreamSettings) {
    this.#res = res;
    this.conversationId = conversationId;
    this.#settings = settings;
  }

  /** Sends the response head and the `retry:` hint, and starts the heartbeat. */
  open(): void {
    this.#res.writeHead(200, {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      Connection: "keep-alive",
      // Proxies such as nginx buffer responses unless told not to.
      "X-Accel-Buffering": "no",
    });
    this.#write(`retry: ${this.#settings.retryMs}\n\n`, this.#settings.cutAfterEvents === 0);
    this.#heartbeat = setInterval(() => this.#write(": heartbeat\n\n"), this.#settings.heartbeatMs);
    this.#res.once("close", () => clearInterval(this.#heartbeat));
  }

  /** Sends one message event. */
  send(message: Message): void {
    if (this.#res.destroyed || this.#res.writableEnded) return;
    if (this.#settings.cutAfterEvents !== undefined && this.#sent >= this.#settings.cutAfterEvents) return;
    this.#sent += 1;
    const cut = this.#sent === this.#settings.cutAfterEvents;
    this.#write(`id: ${message.id}\nevent: message\ndata: ${JSON.stringify(message)}\n\n`, cut);
    if (!cut && this.#res.writableLength > maxBufferedBytes) this.#res.destroy();
  }

  /** Ends the stream cleanly, as on shutdown. */
  end(): void {
    clearInterval(this.#heartbeat);
    if (!this.#res.destroyed && !this.#res.writableEnded) this.#res.end();
  }

  /** Calls `listener` once when the connection closes, for whatever reason. */
  onClose(listener: () => void): void {
    this.#res.once("close", listener);
  }

  /** Writes `chunk`; with `thenCut`, destroys the connection once the chunk has reached the socket. */
  #write(chunk: string, thenCut = false): void {
    if (this.#res.destroyed || this.#res.writableEnded) return;
    if (thenCut) this.#res.write(chunk, () => this.#res.destroy());
    else this.#res.write(chunk);
  }
}
