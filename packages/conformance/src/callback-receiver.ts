import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import type { ErrorReport, Message } from "./protocol-types.ts";

/** One callback a service POSTed for a stream. */
export type StreamEvent = { kind: "message"; message: Message; at: number } | { kind: "error"; error: ErrorReport; at: number } | { kind: "end"; at: number };

/** Where one stream's callbacks arrive, in order. */
export interface CallbackChannel {
  /** The `callbackUrl` to give the service. */
  readonly url: string;
  readonly events: readonly StreamEvent[];
  /** Protocol violations: a callback out of order, a body that is not one of the three kinds, one after a final one. */
  readonly problems: readonly string[];
}

/** An HTTP server on 127.0.0.1 that takes stream callbacks for any number of channels. */
export interface CallbackReceiver {
  channel(): CallbackChannel;
  close(): Promise<void>;
}

async function readText(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

interface Channel extends CallbackChannel {
  events: StreamEvent[];
  problems: string[];
}

/** Starts a receiver; each channel checks that callbacks come numbered 1, 2, ... and stop after `error` or `end`. */
export async function startCallbackReceiver(): Promise<CallbackReceiver> {
  const channels = new Map<string, Channel>();
  const server = createServer((req, res) => {
    void readText(req).then((text) => {
      const [, key, index] = /^\/([^/]+)\/(\d+)$/.exec(req.url ?? "") ?? [];
      const channel = key === undefined ? undefined : channels.get(key);
      if (!channel || req.method !== "POST") {
        res.writeHead(404).end();
        return;
      }
      const expected = channel.events.length + 1;
      if (Number(index) !== expected) channel.problems.push(`callback ${index} arrived when ${expected} was next`);
      const last = channel.events.at(-1);
      if (last && last.kind !== "message") channel.problems.push(`callback ${index} arrived after a final "${last.kind}"`);
      try {
        const body = JSON.parse(text) as { kind?: unknown };
        if (body.kind !== "message" && body.kind !== "error" && body.kind !== "end") throw new Error(`unknown kind ${JSON.stringify(body.kind)}`);
        channel.events.push({ ...(body as StreamEvent), at: Date.now() });
      } catch (error) {
        channel.problems.push(`callback ${index} is not a callback body: ${String(error)}: ${text.slice(0, 200)}`);
      }
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    channel() {
      const key = randomUUID();
      const channel: Channel = { url: `${base}/${key}`, events: [], problems: [] };
      channels.set(key, channel);
      return channel;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
