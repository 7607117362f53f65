// Per-call overhead of the SDK against raw fetch on loopback: listMessages
// against a sandbox in its own process, interleaved blocks, medians; and the
// SDK's own JavaScript per call, against a fetch that answers at once.
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

/** The SDK's default timeout, which the careful baseline sets too. */
const DEADLINE_MS = 60_000;

/** Wall and client CPU time per call, in µs. */
interface Timing {
  wall: number;
  cpu: number;
}

/** Runs `calls` sequential calls of `run`: the time per call. */
async function block(run: () => Promise<unknown>, calls: number): Promise<Timing> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let call = 0; call < calls; call += 1) await run();
  const used = process.cpuUsage(cpu);
  return { wall: ((performance.now() - started) / calls) * 1000, cpu: (used.user + used.system) / calls };
}

/**
 * Rounds of one block per contender, the order rotating from round to round
 * so that each is first, second and third equally often; within a round the
 * blocks are adjacent, so each ratio compares calls made under the same load.
 * Returns each contender's median time and the median of its per-round ratio
 * to the first contender (the SDK).
 */
async function rounds(contenders: readonly (() => Promise<unknown>)[], count: number, calls: number) {
  const timings: Timing[][] = contenders.map(() => []);
  for (let warm = 0; warm < 5; warm += 1) for (const run of contenders) await block(run, calls);
  for (let round = 0; round < count; round += 1) {
    for (let offset = 0; offset < contenders.length; offset += 1) {
      const index = (round + offset) % contenders.length;
      timings[index]!.push(await block(contenders[index]!, calls));
    }
  }
  return timings.map((list) => ({
    wallMicros: median(list.map((timing) => timing.wall)),
    cpuMicros: median(list.map((timing) => timing.cpu)),
    // The SDK's time over this contender's, round by round.
    ratio: median(list.map((timing, round) => timings[0]![round]!.wall / timing.wall)),
  }));
}

/**
 * The SDK's per-call cost for sequential listMessages calls on loopback,
 * against two baselines: raw fetch as most code writes it, and raw fetch with
 * the same 60 s deadline the SDK puts on every call, written the careful way
 * (an AbortController whose signal fetch gets, aborted by a setTimeout that a
 * finally clears, the body read inside it). The deadline needs a signal per
 * call, which is what a timed-out call's connection is closed with; in Node's
 * fetch (undici) a request with a signal costs a WeakRef, an abort listener
 * and a FinalizationRegistry entry, the same for the SDK and for the careful
 * baseline.
 *
 * Then the SDK's own JavaScript per call: the same calls with a fetch that
 * answers at once from memory, beside raw calls of that fetch, so neither
 * network nor undici is in the figure.
 */
export async function callOverhead(count = 30, calls = 100) {
  const sandbox = await startSandboxProcess();
  try {
    const expys = initialize({ baseUrl: sandbox.baseUrl, environment: "sandbox", token: sandbox.memberToken, logLevel: "off" });
    const url = `${sandbox.baseUrl}/v1/conversations/${encodeURIComponent(sandbox.conversationId)}/messages?limit=20`;
    const headers = { Authorization: `Bearer ${sandbox.memberToken}`, Accept: "application/json" };
    const sdk = (): Promise<unknown> => expys.listMessages(sandbox.conversationId, { limit: 20 });
    const raw = async (): Promise<unknown> => (await fetch(url, { headers })).json();
    const withDeadline = async (): Promise<unknown> => {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), DEADLINE_MS);
      try {
        return await (await fetch(url, { headers, signal: controller.signal })).json();
      } finally {
        clearTimeout(timer);
      }
    };
    const [ours, plain, deadline] = await rounds([sdk, raw, withDeadline], count, calls);

    const body = JSON.stringify({ messages: [], nextCursor: null });
    const answer = (): Promise<Response> => Promise.resolve(new Response(body, { headers: { "Content-Type": "application/json" } }));
    const instant = initialize({ baseUrl: sandbox.baseUrl, environment: "sandbox", token: sandbox.memberToken, logLevel: "off", fetch: answer });
    const [ownSdk, ownRaw] = await rounds(
      [() => instant.listMessages(sandbox.conversationId, { limit: 20 }), async () => (await answer()).json()],
      count,
      calls * 10,
    );
    return { sdk: ours!, raw: plain!, withDeadline: deadline!, instant: { sdk: ownSdk!, raw: ownRaw! } };
  } finally {
    sandbox.stop();
  }
}
