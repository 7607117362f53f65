import type { ExpysClient } from "@expys/sdk";
import { reportError } from "./error-report.ts";
import { asService, Ledger, type WorkContext, work } from "./ledger.ts";

/** What `POST /clients/{id}/streams` asks for. */
export interface StreamRequest {
  conversationId: string;
  callbackUrl: string;
  lastEventID?: unknown;
  externalUserID?: unknown;
}

/** A callback the harness did not take: the stream stops, reporting nothing more. */
class CallbackFailed extends Error {}

/**
 * One `for await` over the SDK's `streamMessages`, each message POSTed to the
 * harness as the protocol's next numbered callback.
 */
export class StreamRun {
  readonly #controller = new AbortController();
  readonly #request: StreamRequest;
  /** What this stream alone has open, within its client's ledger. */
  readonly #ledger: Ledger;
  #stopping = false;
  #callbacks = 0;
  /** Settles when the loop has been left and the SDK's iterator has finished. */
  readonly done: Promise<void>;

  constructor(client: ExpysClient, ledger: Ledger, request: StreamRequest) {
    this.#request = request;
    this.#ledger = new Ledger(ledger);
    const context: WorkContext = { ledger: this.#ledger, sent: false };
    this.done = work.run(context, () => this.#consume(client, context));
  }

  async #consume(client: ExpysClient, context: WorkContext): Promise<void> {
    const { conversationId, lastEventID, externalUserID } = this.#request;
    const params: Record<string, unknown> = {};
    if (lastEventID !== undefined) params.lastEventID = lastEventID;
    if (externalUserID !== undefined) params.externalUserID = externalUserID;
    try {
      for await (const message of client.streamMessages(conversationId, params as never, { signal: this.#controller.signal })) {
        if (this.#stopping) break;
        await this.#callback({ kind: "message", message });
        if (this.#stopping) break;
      }
      if (!this.#stopping) await this.#callback({ kind: "end" });
    } catch (error) {
      if (this.#stopping || error instanceof CallbackFailed) return;
      await this.#callback({ kind: "error", error: reportError(error, context.sent) }).catch(() => {});
    }
  }

  async #callback(body: unknown): Promise<void> {
    this.#callbacks += 1;
    const url = `${this.#request.callbackUrl}/${this.#callbacks}`;
    const response = await asService(() =>
      fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }).catch((error: unknown) => {
        throw new CallbackFailed(`callback ${url} failed: ${String(error)}`);
      }),
    );
    await response.body?.cancel();
    if (!response.ok) throw new CallbackFailed(`callback ${url} answered ${response.status}`);
  }

  /**
   * Leaves the loop: it breaks at its next turn, and aborting the signal ends a
   * wait for the next message at once. Resolves once the SDK has torn down:
   * the loop is left and the stream's connections and timers are gone.
   */
  async stop(): Promise<void> {
    this.#stopping = true;
    this.#controller.abort();
    await this.done;
    await this.#ledger.settled();
  }
}
