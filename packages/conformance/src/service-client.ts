import type { CallbackChannel } from "./callback-receiver.ts";
import type { CallOutcome, ClientOptions, ClientState, ErrorReport, Operations, ServiceInfo, StreamParams } from "./protocol-types.ts";

/** The service answered the protocol in a way the protocol does not allow. */
export class ProtocolViolation extends Error {
  override name = "ProtocolViolation";
}

interface Answer {
  status: number;
  body: unknown;
}

async function exchange(url: string, method: string, body?: unknown): Promise<Answer> {
  const response = await fetch(url, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? null : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text === "" ? undefined : JSON.parse(text);
  } catch {
    throw new ProtocolViolation(`${method} ${url} answered ${response.status} with a body that is not JSON: ${text.slice(0, 300)}`);
  }
  return { status: response.status, body: parsed };
}

function expect(answer: Answer, status: number, what: string): unknown {
  if (answer.status !== status) throw new ProtocolViolation(`${what} answered ${answer.status}, not ${status}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

/** A stream running in a service; its callbacks arrive on `channel`. */
export class RemoteStream {
  readonly url: string;
  readonly channel: CallbackChannel;
  constructor(url: string, channel: CallbackChannel) {
    this.url = url;
    this.channel = channel;
  }

  /** `DELETE` it; resolves when the service answered 204, that is once the SDK has torn it down. */
  async stop(): Promise<void> {
    expect(await exchange(this.url, "DELETE"), 204, `DELETE ${this.url}`);
  }
}

/** One SDK client inside a service. */
export class RemoteClient {
  readonly url: string;
  constructor(url: string) {
    this.url = url;
  }

  /** Makes a call; `params` may be deliberately wrong, so it is typed loosely. */
  async call<O extends keyof Operations>(
    operation: O,
    params: Operations[O]["params"] | Record<string, unknown>,
    options: { callId?: string } = {},
  ): Promise<CallOutcome<Operations[O]["result"]>> {
    const body = expect(await exchange(`${this.url}/calls`, "POST", { operation, params, ...options }), 200, `${operation}`) as CallOutcome<
      Operations[O]["result"]
    >;
    if (typeof body?.ok !== "boolean" || (!body.ok && typeof body.error?.kind !== "string")) {
      throw new ProtocolViolation(`${operation} answered without an ok envelope: ${JSON.stringify(body)}`);
    }
    return body;
  }

  /** Cancels a running call; the status the service answered (204, or 404 when no such call runs). */
  async cancelCall(callId: string): Promise<number> {
    return (await exchange(`${this.url}/calls/${encodeURIComponent(callId)}`, "DELETE")).status;
  }

  async openStream(params: StreamParams | Record<string, unknown>, channel: CallbackChannel): Promise<RemoteStream> {
    const body = expect(await exchange(`${this.url}/streams`, "POST", { ...params, callbackUrl: channel.url }), 201, "POST /streams") as { id?: unknown };
    if (typeof body?.id !== "string") throw new ProtocolViolation(`POST /streams answered without an id: ${JSON.stringify(body)}`);
    return new RemoteStream(`${this.url}/streams/${encodeURIComponent(body.id)}`, channel);
  }

  async state(): Promise<ClientState> {
    return expect(await exchange(this.url, "GET"), 200, `GET ${this.url}`) as ClientState;
  }

  async close(): Promise<void> {
    expect(await exchange(this.url, "DELETE"), 204, `DELETE ${this.url}`);
  }
}

/** The protocol's client for one service. */
export class ServiceClient {
  readonly url: string;
  constructor(url: string) {
    this.url = url;
  }

  async info(): Promise<ServiceInfo> {
    return expect(await exchange(`${this.url}/`, "GET"), 200, "GET /") as ServiceInfo;
  }

  /** Creates a client, or reports the SDK's refusal of the options (`400 {ok: false, error}`). */
  async tryCreateClient(options: ClientOptions): Promise<{ ok: true; client: RemoteClient } | { ok: false; error: ErrorReport }> {
    const answer = await exchange(`${this.url}/clients`, "POST", options);
    const body = answer.body as { id?: unknown; ok?: unknown; error?: ErrorReport } | undefined;
    if (answer.status === 400 && body?.ok === false && typeof body.error?.kind === "string") return { ok: false, error: body.error };
    expect(answer, 201, "POST /clients");
    if (typeof body?.id !== "string") throw new ProtocolViolation(`POST /clients answered without an id: ${JSON.stringify(body)}`);
    return { ok: true, client: new RemoteClient(`${this.url}/clients/${encodeURIComponent(body.id)}`) };
  }

  async createClient(options: ClientOptions): Promise<RemoteClient> {
    const created = await this.tryCreateClient(options);
    if (!created.ok) throw new Error(`the SDK refused the client options ${JSON.stringify(options)}: ${JSON.stringify(created.error)}`);
    return created.client;
  }
}
