// The API reference's examples, run as a reader would: each operation's
// TypeScript and curl requests (snippets/reference/) against a sandbox seeded
// like the one the response examples were captured from. Both must succeed,
// answer a body that conforms to the spec, agree with each other and with the
// sandbox's store, and have the shape of the example the page shows.
import { existsSync, readFileSync } from "node:fs";
import type { PlanMethod } from "@expys/codegen";
import type { Sandbox } from "@expys/sandbox";
import { afterEach, describe, expect, it } from "vitest";
import { responseExample } from "../.vitepress/site/operation-page.ts";
import { methods, types } from "../.vitepress/site/spec-plan.ts";
import { firstEventText, runSnippetOutput, runStreamSnippet, startExampleSandbox, streamedText } from "../scripts/reference-examples.ts";
import { eventsOf, problemsOf, shapeOf } from "./conforms.ts";

const open: Sandbox[] = [];
async function sandbox(): Promise<Sandbox> {
  const started = await startExampleSandbox();
  open.push(started);
  return started;
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((started) => started.close()));
});

function resultType(method: PlanMethod) {
  const type = method.stream ? method.stream.events[0]?.type : method.success.type;
  if (!type) throw new Error(`${method.operationId} has no typed answer to check`);
  return type;
}

/** The example the page shows, as the value it stands for (a stream's example: its first event's data). */
function shownExample(method: PlanMethod): unknown {
  const { file } = responseExample(method);
  const text = readFileSync(file, "utf8");
  if (!method.stream) return JSON.parse(text) as unknown;
  const [event] = eventsOf(text);
  expect(event?.event, file).toBe(method.stream.events[0]?.event);
  return JSON.parse(event!.data) as unknown;
}

/** Runs one snippet of an operation and returns the value it got: the answer, or the streamed message. */
async function answerOf(method: PlanMethod, file: string, server: Sandbox): Promise<unknown> {
  if (!method.stream) return JSON.parse(await runSnippetOutput(file, server)) as unknown;
  const stdout = await runStreamSnippet(file, server);
  if (file.endsWith(".ts")) return JSON.parse(stdout) as unknown;
  const [event] = eventsOf(firstEventText(stdout));
  expect(event?.event).toBe(method.stream.events[0]?.event);
  return JSON.parse(event!.data) as unknown;
}

describe.each(methods.map(({ method }) => [method.operationId, method] as const))("%s", (operationId, method) => {
  it("has a TypeScript request, a curl request and a captured answer", () => {
    for (const extension of ["ts", "sh"]) expect(existsSync(new URL(`../snippets/reference/${operationId}.${extension}`, import.meta.url))).toBe(true);
    expect(problemsOf(shownExample(method), resultType(method), types)).toEqual([]);
  });

  it("answers the TypeScript and the curl request alike, in the shape of the example, as the spec says", async () => {
    const answers: unknown[] = [];
    for (const file of [`reference/${operationId}.ts`, `reference/${operationId}.sh`]) {
      const server = await sandbox();
      const answer = await answerOf(method, file, server);
      expect(problemsOf(answer, resultType(method), types), file).toEqual([]);
      expect(shapeOf(answer), file).toEqual(shapeOf(shownExample(method)));
      answers.push(answer);
      if (method.operationId === "listConversations") expect(answer).toEqual({ conversations: server.inspect.conversations(server.externalUserID) });
      if (method.operationId === "listMessages") {
        expect((answer as { messages: unknown[] }).messages).toEqual(server.inspect.messages(server.conversationId).slice(-2));
      }
      if (method.operationId === "sendMessage") expect(server.inspect.messages(server.conversationId).at(-1)?.body).toBe("A table for two at 8pm, please.");
      if (method.stream) expect(answer).toEqual(server.inspect.messages(server.conversationId).find((message) => message.body === streamedText));
      await expect.poll(() => server.inspect.openStreams()).toBe(0);
    }
    // Timestamps and tokens are made fresh on every start: compare what the seed fixes.
    const fixed = (value: unknown) =>
      JSON.stringify(value, (key, inner) => (["createdAt", "lastMessageAt", "token", "expiresAt", "id", "nextCursor"].includes(key) ? "" : inner));
    expect(fixed(answers[0])).toBe(fixed(answers[1]));
  });
});
