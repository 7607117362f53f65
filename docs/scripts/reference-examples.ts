// The API reference's examples: each operation's request is a snippet file
// (snippets/reference/<operationId>.ts, .sh, and one per SDK language), and
// its response example is what the sandbox answered to the curl snippet,
// captured here. `npm run examples -w docs` writes reference/examples/; the
// docs tests run the same snippets and check the captured answers still
// match what the sandbox says.
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Sandbox, startSandbox } from "@expys/sandbox";
import { sandboxEnv } from "./sandbox-env.ts";

const docsRoot = fileURLToPath(new URL("..", import.meta.url));
export const examplesDir = join(docsRoot, "reference", "examples");

/** The seed of the sandbox the examples are captured from, so its demo data repeats. */
export const exampleSeed = "docs-reference";

/** The message the stream examples receive. */
export const streamedText = "Your table for two is booked for 8pm.";

export function startExampleSandbox(): Promise<Sandbox> {
  return startSandbox({ log: false, agent: false, seed: exampleSeed });
}

/** The command that runs a snippet as a reader would: bash for .sh, the pinned Node for .ts. */
export function snippetCommand(file: string): [string, string[]] {
  const path = join(docsRoot, "snippets", file);
  return file.endsWith(".sh") ? ["bash", [path]] : [process.execPath, [path]];
}

/**
 * Runs a streaming snippet, posts one message once the sandbox has its stream
 * open, and resolves with what it printed once that message shows up in its
 * output (then stops it, as a reader's Ctrl-C would). `command` runs a snippet
 * of another language (a compiled Kotlin program); like the TypeScript one, it
 * prints one message and exits.
 */
export function runStreamSnippet(file: string, sandbox: Sandbox, timeoutMs = 30_000, command: [string, string[]] = snippetCommand(file)): Promise<string> {
  const [program, args] = command;
  const exits = !file.endsWith(".sh");
  // In a process group of its own, so stopping it stops curl too, not only bash.
  const child = spawn(program, args, { env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/", ...sandboxEnv(sandbox) }, detached: true });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString("utf8");
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  return new Promise((resolve, reject) => {
    let posted = false;
    const poll = setInterval(() => {
      if (!posted && sandbox.inspect.openStreams(sandbox.conversationId) > 0) {
        posted = true;
        sandbox.postAsAgent(sandbox.conversationId, streamedText);
      }
      // An event is complete at its blank line; the other snippets print one message and exit.
      const done = exits ? child.exitCode !== null : /\ndata:[^\n]*\n\n/.test(stdout);
      if (posted && done) finish();
    }, 50);
    const deadline = setTimeout(() => finish(new Error(`${file} printed no streamed message within ${timeoutMs} ms: ${stdout}${stderr}`)), timeoutMs);
    function finish(error?: Error): void {
      clearInterval(poll);
      clearTimeout(deadline);
      if (child.exitCode === null && child.pid !== undefined) process.kill(-child.pid, "SIGTERM");
      if (error) reject(error);
      else if (exits && (child.exitCode !== 0 || stderr !== "")) reject(new Error(`${file} exited ${child.exitCode}: ${stderr}`));
      else resolve(stdout);
    }
  });
}

/** Runs a snippet to its end and resolves with its stdout; rejects when it fails. */
export function runSnippetOutput(file: string, sandbox: Sandbox): Promise<string> {
  const [command, args] = snippetCommand(file);
  const child = spawn(command, args, { env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/", ...sandboxEnv(sandbox) } });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString("utf8");
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  return new Promise((resolve, reject) =>
    child.on("close", (code) => (code === 0 && stderr === "" ? resolve(stdout) : reject(new Error(`${file} exited ${code}: ${stderr}${stdout}`)))),
  );
}

/** The SSE text of a curl stream up to the end of its first message event. */
export function firstEventText(stdout: string): string {
  const end = stdout.indexOf("\n\n", stdout.indexOf("\ndata:"));
  return stdout.slice(0, end === -1 ? undefined : end).trimEnd();
}

async function capture(operations: readonly { operationId: string; stream: boolean }[]): Promise<void> {
  for (const { operationId, stream } of operations) {
    // A fresh sandbox per operation, so each answer starts from the same seeded data.
    const sandbox = await startExampleSandbox();
    try {
      const file = `reference/${operationId}.sh`;
      if (stream) {
        writeFileSync(join(examplesDir, `${operationId}.txt`), `${firstEventText(await runStreamSnippet(file, sandbox))}\n`);
      } else {
        const answer = JSON.parse(await runSnippetOutput(file, sandbox)) as unknown;
        writeFileSync(join(examplesDir, `${operationId}.json`), `${JSON.stringify(answer, null, 2)}\n`);
      }
      console.log(`captured ${operationId}`);
    } finally {
      await sandbox.close();
    }
  }
}

if (import.meta.main) {
  const { methods } = await import("../.vitepress/site/spec-plan.ts");
  await capture(methods.map(({ method }) => ({ operationId: method.operationId, stream: Boolean(method.stream) })));
}
