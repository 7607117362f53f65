import { expect } from "vitest";
import { inPool } from "../src/outcomes.ts";
import { scenario } from "../src/scenario.ts";

const sends = 300;

scenario(
  "sends-exactly-once",
  "300 sends through ~30% lost requests and lost answers: every ok send stored exactly once, nothing stored twice",
  async ({ sandbox, proxy, client, record }) => {
    const conversation = sandbox.createConversation(sandbox.externalUserID, { title: "exactly once" });
    const path = `/v1/conversations/${conversation.id}/messages`;
    // The first rule fires on 15% of the sends' attempts, the second on 18% of the rest: about 30% in all.
    const lostRequests = proxy.addRule({ method: "POST", path, probability: 0.15, action: { type: "dropRequest" } });
    const lostAnswers = proxy.addRule({ method: "POST", path, probability: 0.18, action: { type: "dropAnswer" } });
    const expys = await client();

    const messages = Array.from({ length: sends }, (_, index) => `exactly once #${index + 1}`);
    const outcomes = await inPool(messages, 30, (message) => expys.call("sendMessage", { conversationId: conversation.id, message }));

    const stored = new Map<string, number>();
    for (const { body } of sandbox.inspect.messages(conversation.id)) stored.set(body ?? "", (stored.get(body ?? "") ?? 0) + 1);
    const gaveUp = outcomes.flatMap((outcome, index) => (outcome.ok ? [] : [{ message: messages[index]!, error: outcome.error }]));
    record({ sends, ok: sends - gaveUp.length, gaveUp: gaveUp.length, lostRequests: lostRequests.fired, lostAnswers: lostAnswers.fired });

    outcomes.forEach((outcome, index) => {
      if (outcome.ok) {
        expect(outcome.result, messages[index]).toEqual({ ok: true });
        expect(stored.get(messages[index]!), `${messages[index]} is stored exactly once`).toBe(1);
      }
    });
    expect(
      [...stored.values()].filter((count) => count > 1),
      "no message is stored twice",
    ).toEqual([]);
    // A send that gave up may or may not have been stored (its last answer may have been the one lost), never twice.
    for (const { message, error } of gaveUp) {
      expect(error.kind, `${message}: ${error.message}`).toBe("connection");
      expect(stored.get(message) ?? 0).toBeLessThanOrEqual(1);
    }
    // Retries are what turned the lost attempts into successes: with none, about 90 sends would give up.
    expect(lostRequests.fired + lostAnswers.fired).toBeGreaterThan(50);
    expect(gaveUp.length).toBeLessThan(45);

    // Every attempt of one send carries the same Idempotency-Key, and no two sends share one.
    const keyOf = new Map<string, string>();
    for (const request of proxy.requests.filter(({ method }) => method === "POST")) {
      const key = String(request.headers["idempotency-key"]);
      const { message } = JSON.parse(request.body) as { message: string };
      expect(keyOf.get(key) ?? message, `the attempts with key ${key}`).toBe(message);
      keyOf.set(key, message);
    }
    expect(new Set(keyOf.values()).size).toBe(keyOf.size);
    expect(keyOf.size).toBe(sends);
  },
  // About 35 s of retry backoff on an idle machine, for every SDK.
  { timeout: 120_000 },
);
