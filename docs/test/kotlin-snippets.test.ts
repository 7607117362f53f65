// Each Kotlin snippet runs as a user would run a compiled program (`java -cp ...
// docs.quickstart.QuickstartKt`), against a fresh sandbox, and must exit 0, print
// nothing on stderr, and print what the sandbox's own store says is true: the
// same lines as its TypeScript twin (the suites are guide-snippets.ts). The snippets are compiled against the
// installed SDK jar by `npm run build` of packages/sdk-kotlin (its consumers
// project), so they see only the SDK's public API.
import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { PlanMethod } from "@expys/codegen";
import { beforeAll, describe, expect, it } from "vitest";
import { responseExample } from "../.vitepress/site/operation-page.ts";
import { methods, types } from "../.vitepress/site/spec-plan.ts";
import { runStreamSnippet, startExampleSandbox, streamedText } from "../scripts/reference-examples.ts";
import { eventsOf, problemsOf, shapeOf } from "./conforms.ts";
import { describeGuideSnippets, expectClean, sandboxesPerTest } from "./guide-snippets.ts";
import { docsRoot, sandboxEnv, type SnippetRun } from "./support.ts";

const consumers = join(docsRoot, "..", "packages", "sdk-kotlin", "consumers", "target");
let classpath = "";

beforeAll(() => {
  const listing = join(consumers, "classpath.txt");
  if (!existsSync(listing)) throw new Error(`${listing} is missing: build the Kotlin SDK first (npx turbo run build --filter=@expys/sdk-kotlin)`);
  classpath = `${join(consumers, "classes")}:${readFileSync(listing, "utf8").trim()}`;
});

const sandboxes = sandboxesPerTest();

/** The main class of `snippets/<name>.kt`: package `docs.<name>` (slashes as dots), file facade `<Name>Kt`. */
function mainClassOf(name: string): string {
  const file = name.split("/").at(-1)!;
  return `docs.${name.replaceAll("/", ".")}.${file.charAt(0).toUpperCase()}${file.slice(1)}Kt`;
}

/** Runs `snippets/<name>.kt`'s main class with only PATH, HOME and the given variables. */
function runKotlin(name: string, env: Record<string, string>): Promise<SnippetRun> {
  const mainClass = mainClassOf(name);
  return new Promise((resolve) => {
    execFile(
      "java",
      ["-cp", classpath, mainClass],
      { cwd: docsRoot, env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/", ...env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : null) : 0;
        resolve({ code, stdout, stderr, lines: stdout.split("\n").filter((line) => line !== "") });
      },
    );
  });
}

describeGuideSnippets({ extension: "kt", stopsStream: "by cancelling its job", run: runKotlin });

/** The reference page's example answer, as the value it stands for (a stream's: its first event's data). */
function shownExample(method: PlanMethod): unknown {
  const text = readFileSync(responseExample(method).file, "utf8");
  if (!method.stream) return JSON.parse(text) as unknown;
  return JSON.parse(eventsOf(text)[0]!.data) as unknown;
}

describe.each(methods.map(({ method }) => [method.operationId, method] as const))("reference/%s.kt", (operationId, method) => {
  it("answers in the shape of the page's example, as the spec says, and as the sandbox stored it", async () => {
    const server = await startExampleSandbox();
    sandboxes.adopt(server);
    const name = `reference/${operationId}`;
    let answer: unknown;
    if (method.stream) {
      answer = JSON.parse(await runStreamSnippet(`${name}.kt`, server, 60_000, ["java", ["-cp", classpath, mainClassOf(name)]])) as unknown;
    } else {
      const run = await runKotlin(name, sandboxEnv(server));
      expectClean(run);
      answer = JSON.parse(run.stdout) as unknown;
    }
    const type = method.stream ? method.stream.events[0]!.type : method.success.type!;
    expect(problemsOf(answer, type, types)).toEqual([]);
    expect(shapeOf(answer)).toEqual(shapeOf(shownExample(method)));
    if (operationId === "listConversations") expect(answer).toEqual({ conversations: server.inspect.conversations(server.externalUserID) });
    if (operationId === "listMessages") expect((answer as { messages: unknown[] }).messages).toEqual(server.inspect.messages(server.conversationId).slice(-2));
    if (operationId === "sendMessage") expect(server.inspect.messages(server.conversationId).at(-1)?.body).toBe("A table for two at 8pm, please.");
    if (method.stream) expect(answer).toEqual(server.inspect.messages(server.conversationId).find((message) => message.body === streamedText));
    await expect.poll(() => server.inspect.openStreams()).toBe(0);
  });
});
