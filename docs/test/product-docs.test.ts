// The product's own public docs pages (../shared/seeds, beside the repository,
// read at test time and never copied into it) show TypeScript examples that
// every user may paste. Each one must type-check under our strict settings and
// run against a sandbox exactly as published; the pages define `main()` and
// leave calling it to the reader, so the run adds that one call.
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { startSandbox } from "@expys/sandbox";
import { afterAll, describe, expect, it } from "vitest";
import { docsRoot, sandboxEnv } from "./support.ts";

/** Where the product docs live: EXPYS_PRODUCT_DOCS, or ../shared/seeds beside the repository. */
const seedsDir = process.env.EXPYS_PRODUCT_DOCS ?? join(docsRoot, "..", "..", "shared", "seeds");
const workDir = join(docsRoot, ".product-docs");

/** The TypeScript examples of a page: from the SDK's import to the end of `main()`. */
function examplesOf(text: string): string[] {
  const examples: string[] = [];
  for (
    let start = text.indexOf('import { initialize } from "@expys/sdk";');
    start !== -1;
    start = text.indexOf('import { initialize } from "@expys/sdk";', start + 1)
  ) {
    const main = text.indexOf("async function main(", start);
    let depth = 0;
    let end = text.indexOf("{", main);
    for (; end < text.length; end += 1) {
      if (text[end] === "{") depth += 1;
      else if (text[end] === "}" && --depth === 0) break;
    }
    examples.push(text.slice(start, end + 1));
  }
  return examples;
}

function pages(): { file: string; examples: string[] }[] {
  if (!existsSync(seedsDir)) throw new Error(`the product docs are not at ${seedsDir}: set EXPYS_PRODUCT_DOCS to their folder`);
  return readdirSync(seedsDir)
    .filter((file) => file.endsWith(".txt"))
    .sort()
    .map((file) => ({ file, examples: examplesOf(readFileSync(join(seedsDir, file), "utf8")) }));
}

function run(command: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { cwd: workDir, env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/", ...env }, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

const found = pages();
const examples = found.flatMap(({ file, examples: list }) => list.map((code, index) => ({ name: `${file} #${index + 1}`, code })));
mkdirSync(workDir, { recursive: true });
const files = examples.map((example, index) => {
  const file = `example-${index + 1}.ts`;
  writeFileSync(join(workDir, file), `${example.code}\n\nawait main();\n`);
  return { ...example, file };
});
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

describe("the product docs' TypeScript examples", () => {
  it("are found: the conversations flow and the streaming loop", () => {
    expect(examples.map((example) => example.code.includes("for await (const message of expys.streamMessages("))).toEqual([false, true]);
  });

  it("type-check under the repository's strict settings", async () => {
    writeFileSync(
      join(workDir, "tsconfig.json"),
      JSON.stringify({ extends: "../../tsconfig.base.json", compilerOptions: { noEmit: true, types: ["node"] }, include: ["*.ts"] }),
    );
    const checked = await run(process.execPath, [join(docsRoot, "..", "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.json"]);
    expect(checked.stdout + checked.stderr).toBe("");
    expect(checked.code).toBe(0);
  });

  it.each(files.filter((example) => !example.code.includes("streamMessages(")))(
    "$name runs as published: lists, reads a thread and sends",
    async ({ file }) => {
      const sandbox = await startSandbox({ log: false, agent: false });
      try {
        const conversations = sandbox.inspect.conversations(sandbox.externalUserID);
        const first = conversations[0]!;
        const before = sandbox.inspect.messages(first.id).length;
        const result = await run(process.execPath, [file], sandboxEnv(sandbox));
        expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: "" });
        const lines = result.stdout.trim().split("\n");
        expect(lines[0]).toBe(`found ${conversations.length} conversations`);
        expect(lines[1]).toBe(`reading: ${first.title ?? first.id}`);
        expect(lines.at(-1)).toBe("message sent: ok=true");
        expect(
          sandbox.inspect
            .messages(first.id)
            .slice(before)
            .map((message) => message.body),
        ).toEqual(["Hello from the SDK"]);
      } finally {
        await sandbox.close();
      }
    },
  );

  it.each(files.filter((example) => example.code.includes("streamMessages(")))(
    "$name runs as published: the backlog, then five live messages",
    async ({ file }) => {
      const sandbox = await startSandbox({ log: false, agent: false });
      const posting = setInterval(() => {
        if (sandbox.inspect.openStreams(sandbox.conversationId) > 0) sandbox.postAsAgent(sandbox.conversationId, "live update");
      }, 100);
      try {
        const result = await run(process.execPath, [file], sandboxEnv(sandbox));
        expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: "" });
        const lines = result.stdout.trim().split("\n");
        expect(lines.filter((line) => line.startsWith("[live "))).toEqual(Array.from({ length: 5 }, () => "[live concierge] live update"));
        expect(lines.at(-1)).toBe("done: received 5 live message(s)");
        await expect.poll(() => sandbox.inspect.openStreams(sandbox.conversationId)).toBe(0);
      } finally {
        clearInterval(posting);
        await sandbox.close();
      }
    },
  );
});
