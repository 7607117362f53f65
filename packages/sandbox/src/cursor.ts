import { ApiError } from "./api-error.ts";

const prefix = "cur_";

/**
 * The cursor of the page that ends just before position `before` of a
 * conversation. Positions count from the oldest message and messages are only
 * ever appended, so a cursor keeps pointing at the same older messages however
 * many new ones arrive.
 */
export function encodeCursor(conversationId: string, before: number): string {
  return prefix + Buffer.from(JSON.stringify([conversationId, before])).toString("base64url");
}

function invalidCursor(reason: string): ApiError {
  return new ApiError("invalid_request", `query parameter "cursor" ${reason}; pass a nextCursor from this conversation`, {
    param: "cursor",
  });
}

/**
 * The `before` position of a cursor for the conversation `conversationId` with
 * `size` messages. Throws `invalid_request` naming `cursor` for anything this
 * sandbox did not issue for that conversation.
 */
export function decodeCursor(cursor: string, conversationId: string, size: number): number {
  let decoded: unknown;
  try {
    if (!cursor.startsWith(prefix)) throw new Error("no prefix");
    decoded = JSON.parse(Buffer.from(cursor.slice(prefix.length), "base64url").toString("utf8"));
  } catch {
    throw invalidCursor("is not a cursor");
  }
  if (!Array.isArray(decoded) || decoded.length !== 2) throw invalidCursor("is not a cursor");
  const [owner, before] = decoded as unknown[];
  if (owner !== conversationId) throw invalidCursor("belongs to another conversation");
  if (typeof before !== "number" || !Number.isInteger(before) || before < 1 || before > size) {
    throw invalidCursor("points outside this conversation");
  }
  return before;
}
