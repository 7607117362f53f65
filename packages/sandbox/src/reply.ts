import type { ServerResponse } from "node:http";

/** A JSON response an operation (or the error path) produced, not yet written. */
export interface JsonReply {
  status: number;
  body: unknown;
  headers?: Record<string, string> | undefined;
}

/** Writes a JSON reply, unless the client has already gone. */
export function writeJson(res: ServerResponse, reply: JsonReply): void {
  if (res.destroyed || res.headersSent) return;
  const payload = JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    ...reply.headers,
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": Buffer.byteLength(payload),
  });
  res.end(payload);
}
