import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { sdkVersion } from "@expys/sdk";
import { type ClientRequest, ClientSession } from "./client-session.ts";
import { reportError } from "./error-report.ts";
import { type Operation, operations } from "./run-operation.ts";

/** A mistake in the protocol itself (never something the SDK did). */
class ProtocolError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

const capabilities = [...operations, "streamMessages", "tokenUrl", "maxRetries", "timeoutMs", "cancelCall"];

function runtimeName(): string {
  const scope = globalThis as { Deno?: { version: { deno: string } }; Bun?: { version: string } };
  if (scope.Deno) return `deno ${scope.Deno.version.deno}`;
  if (scope.Bun) return `bun ${scope.Bun.version}`;
  return `node ${process.version}`;
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  if (text === "") return {};
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ProtocolError(400, "the body is not JSON");
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw new ProtocolError(400, "the body is not a JSON object");
  return body as Record<string, unknown>;
}

function send(res: ServerResponse, status: number, body?: unknown): void {
  if (res.headersSent || res.destroyed) return;
  if (body === undefined) {
    res.writeHead(status).end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) }).end(text);
}

function optionalString(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  if (value !== undefined && typeof value !== "string") throw new ProtocolError(400, `${name} must be a string`);
  return value;
}

function optionalNumber(body: Record<string, unknown>, name: string): number | undefined {
  const value = body[name];
  if (value !== undefined && typeof value !== "number") throw new ProtocolError(400, `${name} must be a number`);
  return value;
}

function clientRequestOf(body: Record<string, unknown>): ClientRequest {
  const baseUrl = optionalString(body, "baseUrl");
  if (baseUrl === undefined) throw new ProtocolError(400, "baseUrl is required");
  const token = optionalString(body, "token");
  const tokenUrl = optionalString(body, "tokenUrl");
  if (token !== undefined && tokenUrl !== undefined) throw new ProtocolError(400, "give token or tokenUrl, not both");
  return { baseUrl, token, tokenUrl, maxRetries: optionalNumber(body, "maxRetries"), timeoutMs: optionalNumber(body, "timeoutMs") };
}

/** The conformance service: the protocol's routes over a set of SDK clients. */
export class ProtocolServer {
  readonly #server: Server;
  readonly #clients = new Map<string, ClientSession>();
  #nextClient = 1;
  #closing: Promise<void> | undefined;

  constructor() {
    this.#server = createServer((req, res) => {
      this.#route(req, res).catch((error: unknown) => {
        if (error instanceof ProtocolError) send(res, error.status, { error: { message: error.message } });
        else send(res, 500, { error: { message: `the service failed: ${String(error)}` } });
      });
    });
    // Outlast the harness's own keep-alive timeout, so that it, not the service, closes idle
    // connections: a close racing a reused connection would look like a failure of the call.
    this.#server.keepAliveTimeout = 65_000;
  }

  /** Listens on 127.0.0.1 at a free port; resolves with the service's URL. */
  listen(): Promise<string> {
    return new Promise((resolve, reject) => {
      this.#server.once("error", reject);
      this.#server.listen(0, "127.0.0.1", () => {
        const address = this.#server.address();
        resolve(`http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`);
      });
    });
  }

  /** Stops every client's work and closes the server. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      await Promise.allSettled([...this.#clients.values()].map((client) => client.close()));
      this.#clients.clear();
      await new Promise<void>((resolve) => {
        this.#server.close(() => resolve());
        this.#server.closeAllConnections?.();
      });
    })();
    return this.#closing;
  }

  #client(id: string | undefined): ClientSession {
    const client = id === undefined ? undefined : this.#clients.get(id);
    if (!client) throw new ProtocolError(404, `no client ${id}`);
    return client;
  }

  async #route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? "/", "http://service").pathname
      .split("/")
      .filter(Boolean)
      .map((segment) => {
        try {
          return decodeURIComponent(segment);
        } catch {
          throw new ProtocolError(400, `the path segment ${segment} is not valid percent-encoding`);
        }
      });
    const method = req.method ?? "GET";
    const [root, clientId, collection, itemId, ...rest] = path;
    if (rest.length > 0 || (root !== undefined && root !== "clients")) throw new ProtocolError(404, `no route ${method} ${req.url}`);

    if (root === undefined) {
      if (method === "GET") return send(res, 200, { sdk: "typescript", sdkVersion, capabilities, runtime: runtimeName() });
      if (method === "DELETE") {
        await new Promise<void>((resolve) => res.writeHead(204).end(resolve));
        await this.close();
        process.exit(0);
      }
    } else if (clientId === undefined) {
      if (method === "POST") return this.#createClient(await readJson(req), res);
    } else if (collection === undefined) {
      if (method === "GET") return send(res, 200, this.#client(clientId).state());
      if (method === "DELETE") {
        const client = this.#client(clientId);
        this.#clients.delete(clientId);
        await client.close();
        return send(res, 204);
      }
    } else if (collection === "calls") {
      if (method === "POST" && itemId === undefined) return this.#call(this.#client(clientId), await readJson(req), res);
      if (method === "DELETE" && itemId !== undefined) {
        if (!(await this.#client(clientId).cancelCall(itemId))) throw new ProtocolError(404, `no call ${itemId} is running`);
        return send(res, 204);
      }
    } else if (collection === "streams") {
      if (method === "POST" && itemId === undefined) return this.#openStream(this.#client(clientId), await readJson(req), res);
      if (method === "DELETE" && itemId !== undefined) {
        if (!(await this.#client(clientId).stopStream(itemId))) throw new ProtocolError(404, `no stream ${itemId}`);
        return send(res, 204);
      }
    }
    throw new ProtocolError(404, `no route ${method} ${req.url}`);
  }

  #createClient(body: Record<string, unknown>, res: ServerResponse): void {
    const request = clientRequestOf(body);
    const id = `c${this.#nextClient++}`;
    let client: ClientSession;
    try {
      client = new ClientSession(id, request);
    } catch (error) {
      send(res, 400, { ok: false, error: reportError(error, false) });
      return;
    }
    this.#clients.set(id, client);
    send(res, 201, { id });
  }

  async #call(client: ClientSession, body: Record<string, unknown>, res: ServerResponse): Promise<void> {
    const operation = body.operation as Operation;
    if (!operations.includes(operation)) throw new ProtocolError(400, `unknown operation ${JSON.stringify(body.operation)}`);
    const params = body.params ?? {};
    if (typeof params !== "object" || params === null || Array.isArray(params)) throw new ProtocolError(400, "params must be an object");
    const callId = optionalString(body, "callId");
    if (callId !== undefined && client.hasCall(callId)) throw new ProtocolError(400, `call ${callId} is already running`);
    const ownId = callId ?? client.newCallId();
    // A harness that hangs up on a call cancels it, as a user leaving a page would.
    const onClose = (): void => {
      if (!res.writableFinished) void client.cancelCall(ownId);
    };
    res.once("close", onClose);
    const outcome = await client.call(operation, params as Record<string, unknown>, ownId);
    res.off("close", onClose);
    send(res, 200, outcome);
  }

  #openStream(client: ClientSession, body: Record<string, unknown>, res: ServerResponse): void {
    const conversationId = body.conversationId;
    const callbackUrl = optionalString(body, "callbackUrl");
    if (callbackUrl === undefined) throw new ProtocolError(400, "callbackUrl is required");
    const id = client.openStream({
      conversationId: conversationId as string,
      callbackUrl: callbackUrl.replace(/\/+$/, ""),
      lastEventID: body.lastEventID,
      externalUserID: body.externalUserID,
    });
    send(res, 201, { id });
  }
}
