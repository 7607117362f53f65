// The type-checking cost a consumer pays for the SDK: tsc on a file that uses it
// against the same file without it, in a temporary project, median of runs.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));
const tsc = join(root, "node_modules/.bin/tsc");

const withSdk = `import { initialize, ExpysApiError } from "@expys/sdk";
const expys = initialize({ environment: "sandbox", token: "t" });
export async function main(): Promise<string[]> {
  const { conversations } = await expys.listConversations();
  const { messages } = await expys.listMessages(conversations[0]?.id ?? "", { limit: 50 });
  await expys.sendMessage("c", "hi").catch((error: unknown) => { if (error instanceof ExpysApiError && error.code === "rate_limited") return; throw error; });
  for await (const message of expys.streamMessages("c")) if (message.body) break;
  return messages.map((message) => message.body ?? "");
}
`;
const without = `interface Message { id: string; body: string | null }
export async function main(): Promise<string[]> {
  const response = await fetch("http://127.0.0.1:4010/v1/conversations/c/messages?limit=50");
  const { messages } = (await response.json()) as { messages: Message[] };
  return messages.map((message) => message.body ?? "");
}
`;

function checkTime(source: string, runs: number): { checkMs: number; totalMs: number; files: number } {
  const directory = mkdtempSync(join(root, "bench", ".type-cost-"));
  try {
    writeFileSync(join(directory, "app.ts"), source);
    writeFileSync(join(directory, "package.json"), JSON.stringify({ type: "module" }));
    writeFileSync(
      join(directory, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          module: "NodeNext",
          moduleResolution: "NodeNext",
          target: "ES2022",
          lib: ["ES2023", "DOM"],
          noEmit: true,
          skipLibCheck: false,
          types: [],
        },
        files: ["app.ts"],
      }),
    );
    const samples = Array.from({ length: runs }, () => {
      const output = execFileSync(process.execPath, [tsc, "-p", directory, "--extendedDiagnostics"], { encoding: "utf8" });
      const number = (label: string): number => Number(new RegExp(`${label}:\\s+([\\d.]+)`).exec(output)?.[1] ?? NaN);
      return { checkMs: number("Check time") * 1000, totalMs: number("Total time") * 1000, files: number("Files") };
    });
    samples.sort((left, right) => left.totalMs - right.totalMs);
    return samples[Math.floor(samples.length / 2)]!;
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/** tsc's check and total time, and the number of files, for a consumer with and without the SDK. */
export function typeCheckCost(runs = 5) {
  return { withSdk: checkTime(withSdk, runs), without: checkTime(without, runs) };
}
