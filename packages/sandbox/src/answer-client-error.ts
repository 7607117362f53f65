import { randomUUID } from "node:crypto";
import type { Socket } from "node:net";
import { ApiError } from "./api-error.ts";
import { corsHeaders } from "./cors.ts";

/**
 * Answers a request Node's HTTP parser rejected (malformed syntax, oversized
 * headers) with a taxonomy body instead of Node's bare `400 Bad Request`, then
 * closes the connection, which cannot be trusted to stay in sync.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === "ECONNRESET" || !socket.writable) {
    socket.destroy();
    return;
  }
  const requestId = `req_${randomUUID().replaceAll("-", "")}`;
  const reason = error.code === "HPE_HEADER_OVERFLOW" ? "the request headers are too large" : "the request is not valid HTTP";
  const reply = new ApiError("invalid_request", reason).toReply(requestId);
  const body = JSON.stringify(reply.body);
  const headers = {
    ...corsHeaders,
    "X-Request-Id": requestId,
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": String(Buffer.byteLength(body)),
    Connection: "close",
  };
  const head = Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join("");
  socket.end(`HTTP/1.1 ${reply.status} Bad Request\r\n${head}\r\n${body}`);
}
