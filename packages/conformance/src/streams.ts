import type { Sandbox } from "@expys/sandbox";
import type { CallbackChannel, StreamEvent } from "./callback-receiver.ts";
import type { Message } from "./protocol-types.ts";
import { eventually } from "./wait.ts";

/** The messages a stream delivered so far. */
export function delivered(channel: CallbackChannel): Message[] {
  return channel.events.flatMap((event) => (event.kind === "message" ? [event.message] : []));
}

/** The final callback (`error` or `end`), if one came. */
export function finalEvent(channel: CallbackChannel): Exclude<StreamEvent, { kind: "message" }> | undefined {
  const last = channel.events.at(-1);
  return last && last.kind !== "message" ? last : undefined;
}

/** Waits until the stream delivered `count` messages or ended; the messages delivered. */
export async function awaitMessages(channel: CallbackChannel, count: number, timeoutMs = 15_000): Promise<Message[]> {
  return eventually(
    `${count} messages on the stream (${delivered(channel).length} so far)`,
    () => (delivered(channel).length >= count || finalEvent(channel) ? delivered(channel) : false),
    timeoutMs,
  );
}

/** Waits until the sandbox has `count` streams open on the conversation (the SDK subscribed). */
export async function awaitSubscribed(sandbox: Sandbox, conversationId: string, count = 1): Promise<void> {
  await eventually(`${count} open stream(s) on ${conversationId}`, () => sandbox.inspect.openStreams(conversationId) >= count, 10_000);
}

/** Waits for the stream's final callback. */
export async function awaitFinal(channel: CallbackChannel, timeoutMs = 10_000): Promise<Exclude<StreamEvent, { kind: "message" }>> {
  return eventually("the stream's final callback (error or end)", () => finalEvent(channel) ?? false, timeoutMs);
}

/** Posts `count` messages as the concierge, `burst` at a time with a short pause between bursts; the messages posted. */
export async function postMessages(sandbox: Sandbox, conversationId: string, count: number, body: (index: number) => string, burst = 5): Promise<Message[]> {
  const posted: Message[] = [];
  for (let index = 1; index <= count; index += 1) {
    posted.push(sandbox.postAsAgent(conversationId, body(index)));
    if (index % burst === 0) await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return posted;
}
