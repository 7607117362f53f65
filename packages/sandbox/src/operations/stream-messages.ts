import { ApiError } from "../api-error.ts";
import type { ConversationStore, StoredConversation } from "../conversation-store.ts";
import { EventStream } from "../event-stream.ts";
import type { FaultAction } from "../faults.ts";
import { answered, memberOf, ownedConversation, type OperationHandler } from "./operation-call.ts";

/**
 * Header values reach Node as latin1 strings. A client that sends a non-Latin-1
 * id sends its UTF-8 bytes, which arrive as mojibake: decode them back when
 * they form valid UTF-8, and keep the value as it is otherwise.
 */
function decodeHeaderText(value: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the range is "every ASCII character", not a search for control characters.
  if (!/[^\x00-\x7f]/.test(value)) return value;
  const decoded = Buffer.from(value, "latin1").toString("utf8");
  return decoded.includes("\uFFFD") ? value : decoded;
}

/**
 * The position the stream resumes after: the `Last-Event-ID`'s, or the newest
 * message's (live only). The conversation's own id names the position before
 * its first message, which is where a stream of an empty conversation starts.
 */
function resumePosition(lastEventId: string | undefined, conversation: StoredConversation, store: ConversationStore): number {
  // An empty id is how the SSE protocol says "no id": start live, like no header at all.
  if (lastEventId === undefined || lastEventId === "") return conversation.messages.length - 1;
  const id = decodeHeaderText(lastEventId);
  if (id === conversation.id) return -1;
  const position = store.positionOf(conversation.id, id);
  if (position === undefined) {
    throw new ApiError(
      "invalid_request",
      `Last-Event-ID ${JSON.stringify(id)} is not an event of this conversation's stream; reconnect without it to start live`,
      { param: "Last-Event-ID" },
    );
  }
  return position;
}

/** A `cutStream` fault cuts after its count; a `drop: "after"` fault right after the stream opens. */
function cutAfterEvents(fault: FaultAction | undefined): number | undefined {
  if (fault?.type === "cutStream") return fault.afterEvents;
  if (fault?.type === "drop") return 0;
  return undefined;
}

/** Refuses one stream more than the member may hold open at once. */
function checkStreamLimit(streams: Iterable<EventStream>, member: string, limit: number): void {
  let open = 0;
  for (const stream of streams) if (stream.member === member) open += 1;
  if (open < limit) return;
  throw new ApiError("rate_limited", `this member already has ${open} event streams open, the most allowed at once; close one before opening another`, {
    retryAfter: 1,
  });
}

/**
 * `GET /v1/conversations/{id}/stream`: replays every message after
 * `Last-Event-ID`, then sends each new one live, until the connection closes or
 * the bearer token expires. The stream keeps a position in the conversation's
 * append-only history and the store notifies it in the same turn as each post,
 * so nothing can fall between replay and live or arrive twice.
 */
export const streamMessages: OperationHandler<"streamMessages"> = (call) => {
  const conversation = ownedConversation(call, call.input.path.id);
  const { store, agent, streams, options } = call.services;
  const after = resumePosition(call.input.header["Last-Event-ID"], conversation, store);
  const member = memberOf(call);
  checkStreamLimit(streams, member, options.maxStreamsPerMember);
  if (call.res.destroyed) return answered;
  const stream = new EventStream(call.res, conversation, member, {
    retryMs: options.retryMs,
    heartbeatMs: options.heartbeatMs,
    cutAfterEvents: cutAfterEvents(call.fault),
    endsAt: call.claims?.expiresAt ?? Number.POSITIVE_INFINITY,
  });
  stream.open(after, after >= 0 ? (conversation.messages[after] as { id: string }).id : conversation.id);
  const unsubscribe = store.subscribe(conversation.id, () => stream.pump());
  const unwatch = agent.watch(conversation.id);
  streams.add(stream);
  stream.onClose(() => {
    unsubscribe();
    unwatch();
    streams.delete(stream);
  });
  return answered;
};
