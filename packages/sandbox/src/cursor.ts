import { ApiError } from "./api-error.ts";
import type { Signer } from "./signer.ts";

const prefix = "cur_";
const purpose = "cursor";

function invalidCursor(reason: string): ApiError {
  return new ApiError("invalid_request", `query parameter "cursor" ${reason}; pass a nextCursor from this conversation`, {
    param: "cursor",
  });
}

/**
 * Issues and reads `listMessages` cursors. A cursor names the page that ends
 * just before a position of one conversation; positions count from the oldest
 * message and messages are only ever appended, so a cursor keeps pointing at
 * the same older messages however many new ones arrive. Cursors are signed:
 * only the sandbox that issued one can read it, and nobody can make one up.
 */
export class CursorCodec {
  readonly #signer: Signer;

  constructor(signer: Signer) {
    this.#signer = signer;
  }

  /** The cursor of the page that ends just before position `before` of `conversationId`. */
  encode(conversationId: string, before: number): string {
    return prefix + this.#signer.sign(purpose, JSON.stringify([conversationId, before]));
  }

  /**
   * The `before` position of a cursor for the conversation `conversationId`
   * with `size` messages. Throws `invalid_request` naming `cursor` for anything
   * this sandbox did not issue for that conversation.
   */
  decode(cursor: string, conversationId: string, size: number): number {
    const payload = cursor.startsWith(prefix) ? this.#signer.verify(purpose, cursor.slice(prefix.length)) : undefined;
    if (payload === undefined) throw invalidCursor("is not a cursor this server issued");
    const [owner, before] = JSON.parse(payload) as [string, number];
    if (owner !== conversationId) throw invalidCursor("belongs to another conversation");
    // Positions only grow, so a cursor this sandbox issued always fits; the check guards the invariant.
    if (!Number.isInteger(before) || before < 1 || before > size) throw invalidCursor("points outside this conversation");
    return before;
  }
}
