import type { IncomingMessage, ServerResponse } from "node:http";
import { ApiError } from "../api-error.ts";
import type { OperationId, OperationInput, SuccessBodyOf } from "../api-types.ts";
import type { StoredConversation } from "../conversation-store.ts";
import type { FaultAction } from "../faults.ts";
import type { Services } from "../services.ts";
import type { TokenClaims } from "../token-issuer.ts";

/** What an operation returns when it has answered the request itself, as the stream does. */
export const answered = Symbol("answered");

/** One call of an operation, after routing, authentication and validation. */
export interface OperationCall<Id extends OperationId> {
  input: OperationInput<Id>;
  /** The member the request acts for; `undefined` on the exchange route, which takes no bearer token. */
  member: string | undefined;
  /** The bearer token's claims; `undefined` on the exchange route. */
  claims: TokenClaims | undefined;
  requestId: string;
  req: IncomingMessage;
  res: ServerResponse;
  /** The fault injected into this request, if any. */
  fault: FaultAction | undefined;
  services: Services;
}

/** A successful JSON answer, typed by the spec; or `answered`. */
export type OperationResult<Id extends OperationId> = { status: 200; body: SuccessBodyOf<Id> } | typeof answered;

/** Runs one operation. Throws `ApiError` for a failure of the taxonomy. */
export type OperationHandler<Id extends OperationId> = (call: OperationCall<Id>) => OperationResult<Id>;

/** A handler for every operation of the spec: the generated types make a missing one a compile error. */
export type OperationHandlers = { [Id in OperationId]: OperationHandler<Id> };

/** The acting member of a bearer route; the pipeline always resolves one there. */
export function memberOf(call: { member: string | undefined }): string {
  if (call.member === undefined) throw new Error("a bearer route ran without an acting member");
  return call.member;
}

/**
 * The conversation `id`, if the acting member owns it. Another member's
 * conversation gets the same `not_found` as one that does not exist.
 */
export function ownedConversation(call: { member: string | undefined; services: Services }, id: string): StoredConversation {
  const conversation = call.services.store.owned(memberOf(call), id);
  if (!conversation) throw new ApiError("not_found", `conversation ${JSON.stringify(id)} was not found`);
  return conversation;
}
