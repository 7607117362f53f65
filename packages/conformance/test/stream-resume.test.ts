import { expect } from "vitest";
import { scenario } from "../src/scenario.ts";
import { awaitMessages, delivered, postMessages } from "../src/streams.ts";

const ids = (messages: readonly { id: string }[]): string[] => messages.map(({ id }) => id);

scenario(
  "stream-resume-after-many-missed",
  "a resume with lastEventID after 500 missed messages delivers them all, in order, then the live ones",
  async ({ sandbox, client, callbacks }) => {
    const conversation = sandbox.createConversation(sandbox.externalUserID, { messages: 10 });
    const seen = sandbox.inspect.messages(conversation.id).at(-1)!;
    const missed = await postMessages(sandbox, conversation.id, 500, (index) => `missed ${index}`, 500);
    const expys = await client();
    const channel = await callbacks();
    const stream = await expys.openStream({ conversationId: conversation.id, lastEventID: seen.id }, channel);
    await awaitMessages(channel, missed.length, 15_000);
    const live = await postMessages(sandbox, conversation.id, 3, (index) => `live ${index}`);
    await awaitMessages(channel, missed.length + live.length);
    expect(ids(delivered(channel))).toEqual(ids([...missed, ...live]));
    expect(channel.problems).toEqual([]);
    await stream.stop();
  },
  { timeout: 60_000 },
);

scenario(
  "stream-resume-over-large-backlog",
  "a resume with lastEventID over a backlog of more than 1 MiB delivers it whole, in order, once",
  async ({ sandbox, proxy, client, callbacks, record }) => {
    const conversation = sandbox.createConversation(sandbox.externalUserID, { messages: 1 });
    const seen = sandbox.inspect.messages(conversation.id).at(-1)!;
    const filler = "x".repeat(1000);
    const missed = await postMessages(sandbox, conversation.id, 1100, (index) => `backlog ${index} ${filler}`, 1100);
    const expys = await client();
    const channel = await callbacks();
    const stream = await expys.openStream({ conversationId: conversation.id, lastEventID: seen.id }, channel);
    try {
      // 1.2 MB replayed to six SDKs at once, each posting 1,100 callbacks, on a loaded 2-core machine: time is not what is tested.
      await awaitMessages(channel, missed.length, 40_000);
    } finally {
      const connections = proxy.requests.filter(({ url }) => url.includes("/stream")).length;
      record({ backlogBytes: missed.reduce((sum, message) => sum + JSON.stringify(message).length, 0), connections });
    }
    expect(ids(delivered(channel))).toEqual(ids(missed));
    expect(channel.problems).toEqual([]);
    await stream.stop();
  },
  { timeout: 60_000 },
);
