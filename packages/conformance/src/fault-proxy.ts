import { createServer, type IncomingHttpHeaders, type IncomingMessage, request as httpRequest, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { seededRandom } from "./seeded-random.ts";

/**
 * What the proxy does to a matching request instead of passing it through.
 *
 * - `dropRequest`: closes the client's connection before anything reaches the server.
 * - `dropAnswer`: lets the server handle the request and answer in full, then
 *   closes the client's connection instead of passing the answer on.
 * - `cutAfterBytes`: passes the answer on, then closes the connection after
 *   this many body bytes (or a number drawn between `[min, max]`, per request).
 * - `stallBody`: passes the status, the headers and the first `afterBytes`
 *   body bytes on, then nothing more, holding the connection open.
 * - `answer`: answers for the server (a redirect, a gateway's HTML page).
 */
export type ProxyAction =
  | { type: "dropRequest" }
  | { type: "dropAnswer" }
  | { type: "cutAfterBytes"; bytes: number | readonly [min: number, max: number] }
  | { type: "stallBody"; afterBytes: number }
  | { type: "answer"; status: number; headers?: Record<string, string>; body?: string };

/** Which requests a fault applies to; omitted fields match anything. At most one rule fires per request: the oldest. */
export interface ProxyRule {
  method?: string;
  /** The path without the query: exactly, or as a RegExp. */
  path?: string | RegExp;
  /** Fires on the next `times` matches, then is spent. */
  times?: number;
  /** Fires on each match with this chance (from a seeded generator). */
  probability?: number;
  action: ProxyAction;
}

/** A rule that was added. */
export interface ProxyRuleHandle {
  /** How many requests it fired on. */
  readonly fired: number;
  remove(): void;
}

/** A request as the proxy saw it, and what became of it. */
export interface ProxiedRequest {
  id: number;
  connection: number;
  method: string;
  /** Path and query, as sent. */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  receivedAt: number;
  /** The fault applied, if any. */
  fault?: ProxyAction["type"];
  /** The status passed on (or answered by a rule). */
  status?: number;
  responseHeaders?: IncomingHttpHeaders;
  /** Body bytes passed on to the client. */
  bytesSent: number;
}

/** A client connection to the proxy. */
export interface ProxiedConnection {
  id: number;
  openedAt: number;
  closedAt?: number;
}

/** A fault-injecting HTTP proxy in front of one server, recording every request and connection. */
export interface FaultProxy {
  readonly url: string;
  readonly requests: readonly ProxiedRequest[];
  readonly connections: readonly ProxiedConnection[];
  addRule(rule: ProxyRule): ProxyRuleHandle;
  /** The connection a request came on. */
  connectionOf(request: ProxiedRequest): ProxiedConnection;
  close(): Promise<void>;
}

const hopByHop = new Set(["connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "te", "trailer"]);

function endToEnd(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !hopByHop.has(name)));
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

class Rule implements ProxyRuleHandle {
  fired = 0;
  readonly spec: ProxyRule;
  readonly remove: () => void;
  constructor(spec: ProxyRule, remove: () => void) {
    this.spec = spec;
    this.remove = remove;
  }
}

/** How long after its last byte a cut connection is destroyed. */
const cutDelayMs = 50;

/** How many body bytes to pass on before the fault: a cut's or a stall's, or all of them. */
function byteLimit(action: ProxyAction | undefined, random: () => number): number {
  if (action?.type === "stallBody") return action.afterBytes;
  if (action?.type !== "cutAfterBytes") return Number.POSITIVE_INFINITY;
  if (typeof action.bytes === "number") return action.bytes;
  const [min, max] = action.bytes;
  return min + Math.floor(random() * (max - min + 1));
}

/**
 * Passes the server's answer body on as it arrives, with the client's
 * back-pressure passed back to the server as a network would; after `limit`
 * bytes it passes nothing more and calls `atLimit` once they are written.
 */
function relay(answer: IncomingMessage, res: ServerResponse, limit: number, record: ProxiedRequest, atLimit: () => void): void {
  answer.on("data", (chunk: Buffer) => {
    const room = Math.max(limit - record.bytesSent, 0);
    if (chunk.length <= room) {
      record.bytesSent += chunk.length;
      if (!res.write(chunk)) {
        answer.pause();
        res.once("drain", () => answer.resume());
      }
      return;
    }
    answer.pause();
    record.bytesSent += room;
    res.write(chunk.subarray(0, room), atLimit);
  });
  answer.once("end", () => {
    if (record.bytesSent < limit) res.end();
    else atLimit();
  });
}

/**
 * Starts a proxy on 127.0.0.1 (a free port) that passes every request to
 * `upstream` on a connection of its own, so that the server sees a client's
 * connection close when the proxy's client closes it.
 */
export async function startFaultProxy(upstream: string, options: { seed?: string } = {}): Promise<FaultProxy> {
  const target = new URL(upstream);
  const random = seededRandom(options.seed ?? "proxy");
  const requests: ProxiedRequest[] = [];
  const connections: ProxiedConnection[] = [];
  const connectionIds = new WeakMap<Socket, number>();
  const sockets = new Set<Socket>();
  let rules: Rule[] = [];

  function select(req: IncomingMessage, pathname: string): ProxyAction | undefined {
    for (const rule of rules) {
      const { method, path, probability } = rule.spec;
      if (method !== undefined && method.toUpperCase() !== req.method) continue;
      if (typeof path === "string" && path !== pathname) continue;
      if (path instanceof RegExp && !path.test(pathname)) continue;
      if (probability !== undefined && random() >= probability) continue;
      rule.fired += 1;
      if (rule.spec.times !== undefined && rule.fired >= rule.spec.times) rule.remove();
      return rule.spec.action;
    }
    return undefined;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const pathname = new URL(req.url ?? "/", "http://proxy").pathname;
    const record: ProxiedRequest = {
      id: requests.length + 1,
      connection: connectionIds.get(req.socket) ?? 0,
      method: req.method ?? "GET",
      url: req.url ?? "/",
      headers: req.headers,
      body: body.toString("utf8"),
      receivedAt: Date.now(),
      bytesSent: 0,
    };
    requests.push(record);
    const action = select(req, pathname);
    if (action) record.fault = action.type;
    if (action?.type === "dropRequest") {
      req.socket.destroy();
      return;
    }
    if (action?.type === "answer") {
      record.status = action.status;
      res.writeHead(action.status, action.headers).end(action.body ?? "");
      return;
    }
    forward(req, res, body, record, action);
  }

  function forward(req: IncomingMessage, res: ServerResponse, body: Buffer, record: ProxiedRequest, action: ProxyAction | undefined): void {
    const outgoing = httpRequest({
      host: target.hostname,
      port: target.port,
      method: req.method,
      path: req.url,
      headers: { ...endToEnd(req.headers), host: target.host, "content-length": String(body.length) },
      agent: false,
    });
    // The client went away: so does the server's connection, at once.
    const onClientClose = (): void => {
      outgoing.destroy();
    };
    res.once("close", onClientClose);
    outgoing.on("error", () => req.socket.destroy());
    outgoing.on("response", (answer) => {
      record.status = answer.statusCode ?? 0;
      record.responseHeaders = answer.headers;
      if (action?.type === "dropAnswer") {
        answer.resume();
        answer.once("end", () => req.socket.destroy());
        return;
      }
      res.writeHead(answer.statusCode ?? 502, answer.statusMessage, endToEnd(answer.headers));
      res.flushHeaders();
      const limit = byteLimit(action, random);
      relay(answer, res, limit, record, () => {
        // A stall holds the connection open; a cut closes it a moment after the last
        // byte has gone out, as a reset follows a peer's last data on a network.
        // Closing in the same flush puts data and reset in one read, and Bun 1.4.5's
        // fetch then drops that data: every connection would deliver nothing, and
        // no client could make progress however it resumes.
        if (action?.type === "cutAfterBytes") setTimeout(() => req.socket.destroy(), cutDelayMs);
      });
    });
    outgoing.end(body);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => req.socket.destroy());
  });
  // Idle keep-alive connections stay open as long as the client keeps them, so closes the proxy sees are the client's.
  server.keepAliveTimeout = 120_000;
  server.on("connection", (socket: Socket) => {
    const connection: ProxiedConnection = { id: connections.length + 1, openedAt: Date.now() };
    connections.push(connection);
    connectionIds.set(socket, connection.id);
    sockets.add(socket);
    socket.once("close", () => {
      connection.closedAt = Date.now();
      sockets.delete(socket);
    });
  });
  server.on("clientError", (_error, socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    connections,
    addRule(spec) {
      const rule: Rule = new Rule(spec, () => {
        rules = rules.filter((candidate) => candidate !== rule);
      });
      rules.push(rule);
      return rule;
    },
    connectionOf(request) {
      const connection = connections.find(({ id }) => id === request.connection);
      if (!connection) throw new RangeError(`no connection ${request.connection}`);
      return connection;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}
