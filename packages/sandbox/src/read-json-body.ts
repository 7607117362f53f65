import type { IncomingMessage } from "node:http";
import { ApiError } from "./api-error.ts";

/** The largest request body the sandbox reads; the API's largest valid body is far smaller. */
const maxBodyBytes = 64 * 1024;

// A refused body is left unread, so the connection cannot be reused after the reply.
const closeConnection = { Connection: "close" };

function tooLarge(): ApiError {
  return new ApiError("invalid_request", `the request body is larger than ${maxBodyBytes} bytes`, {
    headers: closeConnection,
  });
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Reads and parses a JSON request body. Resolves to `undefined` for an empty
 * body (whether that is allowed is the validator's call); rejects with
 * `invalid_request` for a body over `maxBodyBytes`, a content type other than
 * JSON, invalid UTF-8 or malformed JSON.
 */
export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > maxBodyBytes) throw tooLarge();

  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBodyBytes) throw tooLarge();
    chunks.push(chunk);
  }
  if (size === 0) return undefined;

  const mediaType = (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase();
  if (mediaType !== "application/json") {
    throw new ApiError("invalid_request", `the request body must be JSON, sent with Content-Type: application/json`);
  }
  let text: string;
  try {
    text = utf8.decode(Buffer.concat(chunks, size));
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
