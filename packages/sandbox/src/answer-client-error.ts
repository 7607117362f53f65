import { randomUUID } from "node:crypto";
import { STATUS_CODES, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { ApiError } from "./api-error.ts";
import { corsHeaders } from "./cors.ts";

/** The taxonomy's answer to each failure Node's HTTP parser reports; anything else is malformed HTTP. */
function errorFor(code: string | undefined): ApiError {
  switch (code) {
    case "ERR_HTTP_REQUEST_TIMEOUT":
      return new ApiError("request_timeout", "the request headers did not arrive in time");
    case "HPE_HEADER_OVERFLOW":
      return new ApiError("headers_too_large", "the request headers are too large");
    default:
      return new ApiError("invalid_request", "the request is not valid HTTP");
  }
}

/**
 * Answers a request Node's HTTP parser rejected (malformed syntax, oversized
 * headers, headers too slow to arrive) with a taxonomy body instead of Node's
 * bare status line, then closes the connection, which cannot be trusted to stay
 * in sync.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  // A response already under way on this socket cannot be followed by another.
  const inFlight = (socket as Socket & { _httpMessage?: ServerResponse })._httpMessage;
  if (error.code === "ECONNRESET" || !socket.writable || inFlight?.headersSent) {
    socket.destroy();
    return;
  }
  const requestId = `req_${randomUUID().replaceAll("-", "")}`;
  const reply = errorFor(error.code).toReply(requestId);
  const body = JSON.stringify(reply.body);
  // The request was not parsed, so its route (and whether it needs the browser opt-in) is unknown; the answer carries nothing secret.
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
  socket.end(`HTTP/1.1 ${reply.status} ${STATUS_CODES[reply.status] ?? "Error"}\r\n${head}\r\n${body}`);
}
