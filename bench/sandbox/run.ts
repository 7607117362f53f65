// Benchmarks the sandbox on this machine: listMessages requests per second
// under autocannon, and N concurrent event streams each receiving every one
// of M posted messages. The sandbox runs as its own process (the CLI, agent
// off, log off), so the load generator and the server do not share a thread.
//
//   npm run sandbox -w bench                (after `npm run build`)
//   STREAMS=1000 MESSAGES=50 DURATION=5 npm run sandbox -w bench
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { Agent, request } from "node:http";
import { createRequire } from "node:module";
import { cpus } from "node:os";
import { fileURLToPath } from "node:url";
import { createParser } from "eventsource-parser";

const cli = fileURLToPath(new URL("../../packages/sandbox/dist/cli.js", import.meta.url));
const autocannonBin = createRequire(import.meta.url).resolve("autocannon");

const settings = {
  durationSeconds: Number(process.env.DURATION ?? 10),
  connections: Number(process.env.CONNECTIONS ?? 50),
  streams: Number(process.env.STREAMS ?? 200),
  messages: Number(process.env.MESSAGES ?? 100),
};

interface Credentials {
  baseUrl: string;
  memberToken: string;
  conversationId: string;
}

function startServer(): Promise<{ child: ChildProcess; credentials: Credentials }> {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`npm run build\` first`);
  const child = spawn(process.execPath, [cli, "--port", "0", "--quiet", "--no-agent", "--seed", "bench"], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let stdout = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes("\n")) resolve({ child, credentials: JSON.parse(stdout) as Credentials });
    });
    child.once("exit", (code) => reject(new Error(`the sandbox exited with ${code}`)));
  });
}

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number };
  throughput: { average: number };
  errors: number;
  timeouts: number;
  non2xx: number;
}

function listMessagesLoad({ baseUrl, memberToken, conversationId }: Credentials): Promise<AutocannonResult> {
  const url = `${baseUrl}/v1/conversations/${conversationId}/messages?limit=50`;
  const args = [
    autocannonBin,
    ...["-c", String(settings.connections), "-d", String(settings.durationSeconds), "-j"],
    ...["-H", `Authorization=Bearer ${memberToken}`],
    url,
  ];
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
  let stdout = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => (code === 0 ? resolve(JSON.parse(stdout) as AutocannonResult) : reject(new Error(`autocannon exited with ${code}`))));
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function streamFanOut({ baseUrl, memberToken, conversationId }: Credentials) {
  const agent = new Agent({ keepAlive: false, maxSockets: Number.POSITIVE_INFINITY });
  const headers = { Authorization: `Bearer ${memberToken}`, Accept: "text/event-stream" };
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  const received: string[][] = [];
  const requests: ReturnType<typeof request>[] = [];

  const opened = Array.from({ length: settings.streams }, (_, index) => {
    received[index] = [];
    return new Promise<void>((resolve, reject) => {
      const req = request(`${baseUrl}/v1/conversations/${conversationId}/stream`, { agent, headers });
      requests.push(req);
      req.once("error", reject);
      req.once("response", (response) => {
        if (response.statusCode !== 200) reject(new Error(`stream answered ${response.statusCode}`));
        const parser = createParser({
          onEvent: (event) => {
            const body = (JSON.parse(event.data) as { body: string }).body;
            const sent = sentAt.get(body);
            if (sent === undefined) return;
            latencies.push(performance.now() - sent);
            received[index]?.push(body);
          },
          onRetry: () => resolve(),
        });
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => parser.feed(chunk));
      });
      req.end();
    });
  });
  const openStarted = performance.now();
  await Promise.all(opened);
  const openMs = performance.now() - openStarted;

  const postAgent = new Agent({ keepAlive: true, maxSockets: 1 });
  const expected: string[] = [];
  const postStarted = performance.now();
  for (let index = 0; index < settings.messages; index += 1) {
    const body = `bench ${index}`;
    expected.push(body);
    sentAt.set(body, performance.now());
    await post(baseUrl, conversationId, memberToken, body, postAgent);
  }
  const deadline = performance.now() + 30_000;
  const total = () => received.reduce((sum, list) => sum + list.length, 0);
  while (total() < settings.streams * settings.messages && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const deliveryMs = performance.now() - postStarted;
  for (const req of requests) req.destroy();
  agent.destroy();
  postAgent.destroy();

  const complete = received.filter((list) => JSON.stringify(list) === JSON.stringify(expected)).length;
  latencies.sort((a, b) => a - b);
  return {
    streams: settings.streams,
    messages: settings.messages,
    delivered: total(),
    expected: settings.streams * settings.messages,
    streamsInOrderAndComplete: complete,
    openAllMs: Math.round(openMs),
    deliverAllMs: Math.round(deliveryMs),
    latencyMs: {
      p50: Number(percentile(latencies, 50).toFixed(1)),
      p99: Number(percentile(latencies, 99).toFixed(1)),
      max: Number((latencies.at(-1) ?? Number.NaN).toFixed(1)),
    },
  };
}

function post(baseUrl: string, id: string, token: string, message: string, agent: Agent): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request(`${baseUrl}/v1/conversations/${id}/messages`, {
      method: "POST",
      agent,
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    });
    req.once("error", reject);
    req.once("response", (response) => {
      response.resume();
      response.once("end", () => (response.statusCode === 200 ? resolve() : reject(new Error(`send: ${response.statusCode}`))));
    });
    req.end(JSON.stringify({ message }));
  });
}

const { child, credentials } = await startServer();
try {
  console.log(`machine: ${cpus().length} x ${cpus()[0]?.model ?? "cpu"}, Node ${process.version}`);
  console.log(`listMessages (limit=50): ${settings.connections} connections for ${settings.durationSeconds} s ...`);
  const load = await listMessagesLoad(credentials);
  const summary = {
    requestsPerSecond: Math.round(load.requests.average),
    requests: load.requests.total,
    latencyMs: { average: load.latency.average, p50: load.latency.p50, p99: load.latency.p99 },
    megabytesPerSecond: Number((load.throughput.average / 1e6).toFixed(1)),
    errors: load.errors + load.timeouts,
    non2xx: load.non2xx,
  };
  console.log(JSON.stringify(summary, null, 2));

  console.log(`streams: ${settings.streams} open, ${settings.messages} messages posted one after another ...`);
  const streams = await streamFanOut(credentials);
  console.log(JSON.stringify(streams, null, 2));
  const ok = summary.non2xx === 0 && summary.errors === 0 && streams.delivered === streams.expected;
  if (!ok) process.exitCode = 1;
} finally {
  child.kill("SIGTERM");
}
