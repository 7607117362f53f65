import { type ExpysClient, initialize } from "@expys/sdk";
import { countingFetch } from "./counting-fetch.ts";
import { type ErrorReport, reportError } from "./error-report.ts";
import { asService, Ledger, type WorkContext, work } from "./ledger.ts";
import { type Operation, runOperation } from "./run-operation.ts";
import { type StreamRequest, StreamRun } from "./stream-run.ts";

/** What `POST /clients` takes. */
export interface ClientRequest {
  baseUrl: string;
  token?: string | undefined;
  tokenUrl?: string | undefined;
  maxRetries?: number | undefined;
  timeoutMs?: number | undefined;
}

/** The protocol's envelope for what a call did. */
export type CallOutcome = { ok: true; result: unknown } | { ok: false; error: ErrorReport };

const stderrLogger = {
  debug: (line: string) => console.error(line),
  info: (line: string) => console.error(line),
  warn: (line: string) => console.error(line),
  error: (line: string) => console.error(line),
};

/** The token provider of the protocol: asks `tokenUrl` for the token each time the SDK asks. */
function tokenProvider(tokenUrl: string): () => Promise<string> {
  return () =>
    asService(async () => {
      const response = await fetch(tokenUrl);
      const text = await response.text();
      if (!response.ok) throw new Error(`the token endpoint answered ${response.status}`);
      return text;
    });
}

/** One SDK client of the protocol, with the calls and streams it runs. */
export class ClientSession {
  readonly id: string;
  readonly #ledger = new Ledger();
  readonly #client: ExpysClient;
  /** Running calls, by the harness's call id or an id of our own. */
  readonly #calls = new Map<string, { controller: AbortController; settled: Promise<unknown>; ledger: Ledger }>();
  #nextCall = 1;
  /** Running streams by id; `undefined` once a stream has ended on its own (a later stop of it is a no-op). */
  readonly #streams = new Map<string, StreamRun | undefined>();
  #nextStream = 1;

  /** Creates the SDK client; throws what `initialize` throws. */
  constructor(id: string, request: ClientRequest) {
    this.id = id;
    const options: Record<string, unknown> = {
      environment: "sandbox",
      baseUrl: request.baseUrl,
      token: request.tokenUrl === undefined ? request.token : tokenProvider(request.tokenUrl),
      fetch: countingFetch(this.#ledger),
      logger: stderrLogger,
    };
    if (request.maxRetries !== undefined) options.maxRetries = request.maxRetries;
    if (request.timeoutMs !== undefined) options.timeout = request.timeoutMs;
    this.#client = work.run({ ledger: this.#ledger, sent: false }, () => initialize(options as never));
  }

  /** Whether a call with this id is running. */
  hasCall(callId: string): boolean {
    return this.#calls.has(callId);
  }

  /** An id for a call the harness did not name. */
  newCallId(): string {
    return `#${this.#nextCall++}`;
  }

  /** Makes one call; cancelling `key` (or closing the client) aborts it through its signal. */
  async call(operation: Operation, params: Record<string, unknown>, key: string): Promise<CallOutcome> {
    const controller = new AbortController();
    const ledger = new Ledger(this.#ledger);
    const context: WorkContext = { ledger, sent: false };
    const settled = work.run(context, () => runOperation(this.#client, operation, params, controller.signal));
    this.#calls.set(key, { controller, settled: settled.catch(() => {}), ledger });
    try {
      return { ok: true, result: JSON.parse(JSON.stringify((await settled) ?? null)) };
    } catch (error) {
      return { ok: false, error: reportError(error, context.sent) };
    } finally {
      this.#calls.delete(key);
    }
  }

  /** Cancels the call with this id and resolves once the SDK call has returned; false when no such call runs. */
  async cancelCall(callId: string): Promise<boolean> {
    const call = this.#calls.get(callId);
    if (!call) return false;
    call.controller.abort();
    await call.settled;
    await call.ledger.settled();
    return true;
  }

  /** Starts a stream; its id. */
  openStream(request: StreamRequest): string {
    const id = `s${this.#nextStream++}`;
    const run = new StreamRun(this.#client, this.#ledger, request);
    this.#streams.set(id, run);
    void run.done.finally(() => {
      if (this.#streams.get(id) === run) this.#streams.set(id, undefined);
    });
    return id;
  }

  /** Stops a stream and resolves once the SDK has torn it down; false when there is no such stream. */
  async stopStream(id: string): Promise<boolean> {
    if (!this.#streams.has(id)) return false;
    await this.#streams.get(id)?.stop();
    this.#streams.set(id, undefined);
    return true;
  }

  /** What `GET /clients/{id}` reports. */
  state(): { id: string; openConnections: number; timers: number; streams: number; calls: number } {
    return {
      id: this.id,
      openConnections: this.#ledger.openConnections,
      timers: this.#ledger.timers,
      streams: [...this.#streams.values()].filter(Boolean).length,
      calls: this.#calls.size,
    };
  }

  /** Stops every stream and cancels every call; resolves once all have finished. */
  async close(): Promise<void> {
    const calls = [...this.#calls.values()];
    for (const { controller } of calls) controller.abort();
    await Promise.allSettled([...[...this.#streams.values()].map((run) => run?.stop()), ...calls.map(({ settled }) => settled)]);
    this.#streams.clear();
  }
}
