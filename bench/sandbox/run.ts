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
  backlogMiB: Number(process.env.BACKLOG_MIB ?? 20),
};

interface Credentials {
  baseUrl: string;
  memberToken: string;
  conversationId: string;
}

function startServer(): Promise<{ child: ChildProcess; credentials: Credentials }> {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`npm run build\` first`);
  const streamLimit = String(settings.streams + 10);
  const child = spawn(process.execPath, [cli, "--port", "0", "--quiet", "--no-agent", "--seed", "bench", "--max-streams-per-member", streamLimit], {
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

function getJson<T>(url: string, token: string, agent: Agent): Promise<T> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers: { Authorization: `Bearer ${token}` } });
    req.once("error", reject);
    req.once("response", (response) => {
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (text += chunk));
      response.once("end", () => (response.statusCode === 200 ? resolve(JSON.parse(text) as T) : reject(new Error(`GET ${url}: ${response.statusCode}`))));
    });
    req.end();
  });
}

/**
 * A reconnect with Last-Event-ID over a large backlog, against what a client
 * would do without the stream: page the same messages with listMessages.
 */
async function backlogResume({ baseUrl, memberToken, conversationId }: Credentials) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const messagesUrl = `${baseUrl}/v1/conversations/${conversationId}/messages`;
  type Page = { messages: { id: string }[]; nextCursor: string | null };
  const lastSeen = (await getJson<Page>(`${messagesUrl}?limit=1`, memberToken, agent)).messages[0]?.id ?? "";
  // Near the 4,000-character limit of a message, so the backlog is few, large events.
  const body = "b".repeat(3990);
  const count = Math.ceil((settings.backlogMiB * 1024 * 1024) / (body.length + 150));
  for (let index = 0; index < count; index += 1) await post(baseUrl, conversationId, memberToken, `${index} ${body}`, agent);

  const started = performance.now();
  let firstByteMs = 0;
  let bytes = 0;
  const ids: string[] = [];
  await new Promise<void>((resolve, reject) => {
    const req = request(`${baseUrl}/v1/conversations/${conversationId}/stream`, {
      headers: { Authorization: `Bearer ${memberToken}`, Accept: "text/event-stream", "Last-Event-ID": lastSeen },
    });
    req.once("error", reject);
    req.once("response", (response) => {
      if (response.statusCode !== 200) reject(new Error(`resume answered ${response.statusCode}`));
      firstByteMs = performance.now() - started;
      const parser = createParser({
        onEvent: (event) => {
          ids.push(event.id ?? "");
          if (ids.length === count) {
            req.destroy();
            resolve();
          }
        },
      });
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => {
        bytes += Buffer.byteLength(chunk);
        parser.feed(chunk);
      });
    });
    req.end();
  });
  const resumeMs = performance.now() - started;

  const pagingStarted = performance.now();
  const paged: string[] = [];
  let cursor: string | null = null;
  while (paged.length < count) {
    const query: string = cursor === null ? "limit=100" : `limit=100&cursor=${encodeURIComponent(cursor)}`;
    const page = await getJson<Page>(`${messagesUrl}?${query}`, memberToken, agent);
    paged.unshift(...page.messages.map((message) => message.id));
    cursor = page.nextCursor;
  }
  const pagingMs = performance.now() - pagingStarted;
  agent.destroy();

  const inOrderOnce = new Set(ids).size === count && JSON.stringify(ids) === JSON.stringify(paged.slice(-count));
  return {
    backlogMessages: count,
    backlogMiB: Number((bytes / 1024 / 1024).toFixed(1)),
    resume: { firstByteMs: Math.round(firstByteMs), allMs: Math.round(resumeMs), mibPerSecond: Number((bytes / 1024 / 1024 / (resumeMs / 1000)).toFixed(1)) },
    pagingListMessagesMs: Math.round(pagingMs),
    pagingOverResume: Number((pagingMs / resumeMs).toFixed(2)),
    inOrderOnce,
  };
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
  console.log(`resume: Last-Event-ID over a ${settings.backlogMiB} MiB backlog, against paging listMessages ...`);
  const resume = await backlogResume(credentials);
  console.log(JSON.stringify(resume, null, 2));
  const ok = summary.non2xx === 0 && summary.errors === 0 && streams.delivered === streams.expected && resume.inOrderOnce;
  if (!ok) process.exitCode = 1;
} finally {
  child.kill("SIGTERM");
}
