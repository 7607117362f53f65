// Builds bench/swift in release mode (through packages/sdk-swift/scripts/swift.sh),
// starts a sandbox in its own process, runs the benchmark and prints its JSON.
// Run: node bench/swift/run.ts   (after `npm run build`)
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(new URL(".", import.meta.url));
const swift = fileURLToPath(new URL("../../packages/sdk-swift/scripts/swift.sh", import.meta.url));

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: here, env, stdio: ["ignore", "pipe", "inherit"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("exit", (code) => (code === 0 ? resolve(output) : reject(new Error(`${command} ${args.join(" ")} exited with ${code}:\n${output}`))));
  });
}

await run(swift, ["build", "-c", "release"]).then(
  (output) => process.stderr.write(output),
  (error: Error & { output?: string }) => {
    throw error;
  },
);
const cli = fileURLToPath(new URL("../../packages/sandbox/dist/cli.js", import.meta.url));
const sandbox = spawn(process.execPath, [cli, "--port", "0", "--quiet", "--no-agent"], { stdio: ["ignore", "pipe", "inherit"] });
try {
  const line = (await createInterface({ input: sandbox.stdout })[Symbol.asyncIterator]().next()).value as string;
  const fields = JSON.parse(line) as Record<string, string>;
  const env = { ...process.env, EXPYS_BASE_URL: fields.baseUrl, EXPYS_MEMBER_TOKEN: fields.memberToken, EXPYS_CONVERSATION_ID: fields.conversationId };
  process.stdout.write(await run(swift, ["--exec", ".build/release/ExpysBench"], env));
} finally {
  sandbox.kill("SIGTERM");
}
