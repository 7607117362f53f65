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
  const [line] = await createInterface({ input: child.stdout })
    [Symbol.asyncIterator]()
    .next()
    .then((next) => [next.value as string]);
  return { ...JSON.parse(line!), stop: () => child.kill("SIGTERM") };
}

function median(values: number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/**
 * The SDK's per-call cost against raw fetch for sequential listMessages calls.
 * Blocks of calls alternate (SDK first, then raw first) and each adjacent pair
 * gives a ratio, so drift in the machine's load cancels out; the result is the
 * median pair ratio, with the median wall time and client CPU time per call.
 */
export async function callOverhead(pairs = 30, callsPerBlock = 100) {
  const sandbox = await startSandboxProcess();
  try {
    const expys = initialize({ baseUrl: sandbox.baseUrl, environment: "sandbox", token: sandbox.memberToken, logLevel: "off" });
    const url = `${sandbox.baseUrl}/v1/conversations/${encodeURIComponent(sandbox.conversationId)}/messages?limit=20`;
    const headers = { Authorization: `Bearer ${sandbox.memberToken}`, Accept: "application/json" };
    const raw = async (): Promise<unknown> => (await fetch(url, { headers })).json();
    const sdk = (): Promise<unknown> => expys.listMessages(sandbox.conversationId, { limit: 20 });
    const block = async (run: () => Promise<unknown>) => {
      const cpu = process.cpuUsage();
      const started = performance.now();
      for (let call = 0; call < callsPerBlock; call += 1) await run();
      const used = process.cpuUsage(cpu);
      return { wall: ((performance.now() - started) / callsPerBlock) * 1000, cpu: (used.user + used.system) / callsPerBlock };
    };
    for (let warm = 0; warm < 5; warm += 1) await Promise.all([block(raw), block(sdk)]);
    const ratios: number[] = [];
    const sdkTimes: { wall: number; cpu: number }[] = [];
    const fetchTimes: { wall: number; cpu: number }[] = [];
    for (let pair = 0; pair < pairs; pair += 1) {
      const [first, second] = pair % 2 === 0 ? [sdk, raw] : [raw, sdk];
      const a = await block(first);
      const b = await block(second);
      const [ours, theirs] = first === sdk ? [a, b] : [b, a];
      sdkTimes.push(ours);
      fetchTimes.push(theirs);
      ratios.push(ours.wall / theirs.wall);
    }
    return {
      ratio: median(ratios),
      sdkMicros: median(sdkTimes.map((time) => time.wall)),
      fetchMicros: median(fetchTimes.map((time) => time.wall)),
      sdkCpuMicros: median(sdkTimes.map((time) => time.cpu)),
      fetchCpuMicros: median(fetchTimes.map((time) => time.cpu)),
    };
  } finally {
    sandbox.stop();
  }
}
