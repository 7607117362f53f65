// 1,000 sends through injected faults (dropped connections before and after the
// write commits, 500/503/429 answers) while the token expires mid-run: a send
// that returned ok produced exactly one message, and no message exists twice.
import type { Sandbox } from "@expys/sandbox";
import { afterAll, beforeAll, expect, it } from "vitest";
import { ExpysError } from "../src/index.ts";
import { clientOf, quietSandbox } from "./support.ts";

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await quietSandbox({ seed: "reliability" });
});
afterAll(() => sandbox.close());

it("sends 1,000 messages through about 20% faults without a duplicate", { timeout: 120_000 }, async () => {
  const conversation = sandbox.createConversation(sandbox.externalUserID);
  const rules = [
    { type: "drop", when: "before" },
    { type: "drop", when: "after" },
    { type: "status", status: 500 },
    { type: "status", status: 503, retryAfter: 0 },
    { type: "status", status: 429, retryAfter: 0 },
  ] as const;
  for (const action of rules) sandbox.faults.add({ operation: "sendMessage", probability: 0.045, action });
  // The first token expires during the run; the next outlives it. Short-lived
  // tokens throughout would also expire between minting and use whenever a
  // loaded machine answers slower than their lifetime, which tests the machine.
  const firstTtlMs = 300;
  let firstExpired!: Promise<void>;
  let tokensMinted = 0;
  const expys = clientOf(sandbox, {
    backoff: { baseMs: 5, capMs: 50 },
    token: () => {
      tokensMinted += 1;
      if (tokensMinted === 1) firstExpired = new Promise((resolve) => setTimeout(resolve, firstTtlMs + 20));
      return sandbox.mintToken({ externalUserID: sandbox.externalUserID, ttlMs: tokensMinted === 1 ? firstTtlMs : 60_000 });
    },
  });

  const total = 1_000;
  const outcomes: ("ok" | "gave up")[] = new Array(total);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < total) {
      const index = next++;
      // However fast the machine, the middle send goes out after the first token expired.
      if (index === total / 2) await firstExpired;
      try {
        const result = await expys.sendMessage(conversation.id, `send ${index}`);
        expect(result).toEqual({ ok: true });
        outcomes[index] = "ok";
      } catch (error) {
        expect(error).toBeInstanceOf(ExpysError);
        expect((error as Error).message).not.toMatch(/token_expired|expired/);
        outcomes[index] = "gave up";
      }
    }
  }
  await Promise.all(Array.from({ length: 16 }, worker));

  const counts = new Map<string, number>();
  for (const message of sandbox.inspect.messages(conversation.id)) counts.set(message.body ?? "", (counts.get(message.body ?? "") ?? 0) + 1);
  const okCalls = outcomes.flatMap((outcome, index) => (outcome === "ok" ? [index] : []));
  const gaveUp = total - okCalls.length;
  const faults = sandbox.faults.stats();
  console.info(
    `reliability: ${total} sends, ${faults.total} faults injected (${faults.drop} drops, ${faults.status} error answers), ` +
      `${okCalls.length} ok, ${gaveUp} gave up after retries, ${tokensMinted} tokens minted, ${counts.size} distinct messages stored`,
  );

  for (const index of okCalls) expect(counts.get(`send ${index}`), `send ${index}`).toBe(1);
  expect([...counts.values()].every((count) => count === 1)).toBe(true);
  expect(faults.total).toBeGreaterThan(150);
  expect(faults.drop).toBeGreaterThan(50);
  expect(gaveUp).toBeLessThan(total * 0.05);
  expect(tokensMinted).toBeGreaterThan(1);
});
