// `npm run demo`: the product in half a minute. Starts a sandbox in this
// process, then runs the quickstart and streaming examples against it exactly
// as a reader would run them (`node snippets/x.ts`), and stops the sandbox.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { startSandbox } from "@expys/sandbox";
import { sandboxEnv } from "./sandbox-env.ts";

// The concierge chats now and then, so the streaming example has live messages to show.
const sandbox = await startSandbox({ log: false, agent: { replyDelayMs: 400, chatterIntervalMs: 800 } });
const env = { ...process.env, ...sandboxEnv(sandbox) };

function run(snippet: string): Promise<number> {
  console.log(`\n$ node snippets/${snippet}`);
  const child = spawn(process.execPath, [fileURLToPath(new URL(`../snippets/${snippet}`, import.meta.url))], { env, stdio: "inherit" });
  return new Promise((resolve) => child.on("exit", (code) => resolve(code ?? 1)));
}

console.log(`Sandbox on ${sandbox.baseUrl} (member ${sandbox.externalUserID})`);
let failed = 0;
for (const snippet of ["quickstart.ts", "streaming.ts"]) {
  if ((await run(snippet)) !== 0) failed += 1;
}
await sandbox.close();
process.exitCode = failed === 0 ? 0 : 1;
