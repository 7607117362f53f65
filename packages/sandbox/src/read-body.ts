import type { IncomingMessage } from "node:http";
import type { OperationSpec } from "./api-description.ts";
import { ApiError } from "./api-error.ts";

/** How much body a request may carry, and how long it may take to send it. */
export interface BodyLimits {
  maxBytes: number;
  timeoutMs: number;
}

// A refused body is left unread, so the connection cannot be reused after the reply.
const closeConnection = { Connection: "close" };

function declaredLength(req: IncomingMessage): number {
  const declared = req.headers["content-length"];
  return declared === undefined ? 0 : Number(declared);
}

function hasBody(req: IncomingMessage): boolean {
  return declaredLength(req) > 0 || req.headers["transfer-encoding"] !== undefined;
}

function tooLarge(operation: OperationSpec, maxBytes: number): ApiError {
  const message =
    operation.bodySchemaRef === undefined
      ? `${operation.method} ${operation.path} takes no request body; send none`
      : `the request body is larger than ${maxBytes} bytes`;
  return new ApiError("content_too_large", message, { headers: closeConnection });
}

/**
 * Refuses, before a byte of it is read, a body the route cannot take: one whose
 * declared length is over the limit, or any declared body on a route that takes
 * none (a `GET` with `Content-Length: 1000000000` is answered at once, not read).
 */
export function refuseDeclaredBody(req: IncomingMessage, operation: OperationSpec, limits: BodyLimits): void {
  const maxBytes = operation.bodySchemaRef === undefined ? 0 : limits.maxBytes;
  if (declaredLength(req) > maxBytes) throw tooLarge(operation, maxBytes);
}

/** Reads the body, failing as soon as it passes `maxBytes` or when it has not arrived after `timeoutMs`. */
function collect(req: IncomingMessage, maxBytes: number, timeoutMs: number, overLimit: () => ApiError): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (error: ApiError | undefined): void => {
      clearTimeout(timer);
      req.off("data", onData).off("end", onEnd).off("close", onClose);
      if (error) {
        req.pause();
        reject(error);
      } else {
        resolve(Buffer.concat(chunks, size));
      }
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > maxBytes) finish(overLimit());
      else chunks.push(chunk);
    };
    const onEnd = (): void => finish(undefined);
    // The client went away mid-body; nobody is left to read an answer.
    const onClose = (): void => finish(new ApiError("invalid_request", "the connection closed before the request body ended"));
    const timer = setTimeout(() => {
      finish(new ApiError("request_timeout", `the request body did not arrive within ${timeoutMs} ms`, { headers: closeConnection }));
    }, timeoutMs);
    req.on("data", onData).once("end", onEnd).once("close", onClose);
  });
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Reads and parses a JSON request body. Resolves to `undefined` for an empty
 * body (whether that is allowed is the validator's call) and for a route that
 * takes none. Rejects with `content_too_large` for a body over the limit (any
 * body, on a route that takes none), `request_timeout` for one that arrives too
 * slowly, and `invalid_request` for a content type other than JSON, invalid
 * UTF-8 or malformed JSON.
 */
export async function readJsonBody(req: IncomingMessage, operation: OperationSpec, limits: BodyLimits): Promise<unknown> {
  if (operation.bodySchemaRef === undefined) {
    // A chunked body declares no length: read until its first byte proves it is not empty.
    if (hasBody(req)) await collect(req, 0, limits.timeoutMs, () => tooLarge(operation, 0));
    return undefined;
  }
  const bytes = await collect(req, limits.maxBytes, limits.timeoutMs, () => tooLarge(operation, limits.maxBytes));
  if (bytes.length === 0) return undefined;

  const mediaType = (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase();
  if (mediaType !== "application/json") {
    throw new ApiError("invalid_request", `the request body must be JSON, sent with Content-Type: application/json`);
  }
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new ApiError("invalid_request", "the request body is not valid UTF-8");
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // The parser's message quotes the body, which is not ours to echo into logs.
    throw new ApiError("invalid_request", "the request body is not valid JSON");
  }
}
