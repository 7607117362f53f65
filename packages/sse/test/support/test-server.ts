import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/** One request the server received. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  /** `Last-Event-ID` decoded from the raw header bytes as UTF-8, as our sandbox does. */
  lastEventId: string | undefined;
}

export type Handler = (request: IncomingMessage, response: ServerResponse, index: number) => void;

export interface TestServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  url: (path?: string) => string;
  requests: RecordedRequest[];
  /** Resolves when the server has received `count` requests. */
  waitForRequests: (count: number) => Promise<void>;
  /** Destroys every open connection (a network error for the client). */
  dropConnections: () => void;
  close: () => Promise<void>;
}

/**
 * A real HTTP server on 127.0.0.1 and a free port. `handler` answers each
 * request; `index` counts requests from 0, so a test can script "first drop,
 * then 503, then stream".
 */
export async function startServer(handler: Handler): Promise<TestServer> {
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const waiters: { count: number; resolve: () => void }[] = [];
  const server = createServer((request, response) => {
    const raw = request.headers["last-event-id"];
    requests.push({
      method: request.method ?? "",
      path: request.url ?? "",
      headers: request.headers,
      lastEventId: typeof raw === "string" ? Buffer.from(raw, "latin1").toString("utf8") : undefined,
    });
    for (const waiter of waiters.filter((entry) => requests.length >= entry.count)) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
    handler(request, response, requests.length - 1);
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url: (path = "/stream") => origin + path,
    requests,
    waitForRequests: (count) => (requests.length >= count ? Promise.resolve() : new Promise((resolve) => waiters.push({ count, resolve }))),
    dropConnections: () => {
      for (const socket of sockets) socket.destroy();
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Starts an event stream response; `Connection: close` so no idle keep-alive socket outlives a test. */
export function openStream(response: ServerResponse, extraHeaders: Record<string, string> = {}): void {
  response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", ...extraHeaders });
  response.flushHeaders();
}

/** Answers with a status and body, closing the connection afterwards. */
export function answer(response: ServerResponse, status: number, headers: Record<string, string> = {}, body = ""): void {
  response.writeHead(status, { connection: "close", ...headers });
  response.end(body);
}

/** Collects up to `count` events from an async iterable, then stops iterating. */
export async function take<T>(iterable: AsyncIterable<T>, count: number): Promise<T[]> {
  const items: T[] = [];
  if (count <= 0) return items;
  for await (const item of iterable) {
    items.push(item);
    if (items.length === count) break;
  }
  return items;
}

/** Runs the iteration to its end, returning the items and the error that ended it, if any. */
export async function drain<T>(iterable: AsyncIterable<T>): Promise<{ items: T[]; error: unknown }> {
  const items: T[] = [];
  try {
    for await (const item of iterable) items.push(item);
  } catch (error) {
    return { items, error };
  }
  return { items, error: undefined };
}
