// Per-call overhead of the SDK against raw fetch on loopback: listMessages
// against a sandbox in its own process, interleaved blocks, medians.
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { initialize } from "@expys/sdk";

interface SandboxProcess {
  baseUrl: string;
  memberToken: string;
  conversationId: string;
  stop(): void;
}

async function startSandboxProcess(): Promise<SandboxProcess> {
  const cli = fileURLToPath(new URL("../../packages/sandbox/dist/cli.js", import.meta.url));
  const child = spawn(process.execPath, [cli, "--port", "0", "--quiet", "--no-agent"], { stdio: ["ignore", "pipe", "inherit"] });
  const [line] = await createInterface({ input: child.stdout })[Symbol.asyncIterator]().next().then((next) => [next.value as string]);
  return { ...JSON.parse(line!), stop: () => child.kill("SIGTERM") };
}

function median(values: number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Median microseconds per sequential listMessages call, SDK and raw fetch, and their ratio. */
export async function callOverhead(blocks = 20, callsPerBlock = 200): Promise<{ sdkMicros: number; fetchMicros: number; ratio: number }> {
  const sandbox = await startSandboxProcess();
  try {
    const expys = initialize({ baseUrl: sandbox.baseUrl, environment: "sandbox", token: sandbox.memberToken, logLevel: "off" });
    const url = `${sandbox.baseUrl}/v1/conversations/${encodeURIComponent(sandbox.conversationId)}/messages?limit=20`;
    const headers = { Authorization: `Bearer ${sandbox.memberToken}`, Accept: "application/json" };
    const raw = async (): Promise<unknown> => (await fetch(url, { headers })).json();
    const sdk = (): Promise<unknown> => expys.listMessages(sandbox.conversationId, { limit: 20 });
    for (let warm = 0; warm < 300; warm += 1) await Promise.all([raw(), sdk()]);
    const sdkTimes: number[] = [];
    const fetchTimes: number[] = [];
    for (let block = 0; block < blocks; block += 1) {
      for (const [run, times] of block % 2 === 0 ? ([[sdk, sdkTimes], [raw, fetchTimes]] as const) : ([[raw, fetchTimes], [sdk, sdkTimes]] as const)) {
        const started = performance.now();
        for (let call = 0; call < callsPerBlock; call += 1) await run();
        times.push(((performance.now() - started) / callsPerBlock) * 1000);
      }
    }
    const sdkMicros = median(sdkTimes);
    const fetchMicros = median(fetchTimes);
    return { sdkMicros, fetchMicros, ratio: sdkMicros / fetchMicros };
  } finally {
    sandbox.stop();
  }
}
