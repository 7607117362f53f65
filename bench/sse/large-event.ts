/**
 * Memory for large events: a child process of its own (so its peak memory is
 * the client's alone) receives `count` events of `bytes` each from the
 * loopback server through streamEvents with `maxEventSize` raised to 16 MiB,
 * checking each arrives whole, and reports its heap after a full GC before
 * and after, and its peak resident memory. Run by run.ts; `node
 * large-event.ts` alone does the same and prints the result.
 */
import { fork } from "node:child_process";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { streamEvents } from "@expys/sse";

export interface LargeEventResult {
  events: number;
  eventMB: number;
  maxEventSizeMB: number;
  heapBeforeMB: number;
  heapAfterMB: number;
  peakRssMB: number;
  rssBeforeMB: number;
}

const mb = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 10) / 10;
const MAX_EVENT_SIZE = 16 * 2 ** 20;
/** The client runs with its old-generation heap capped at this: it must hold only a few events' worth at a time. */
const HEAP_LIMIT_MB = Number(process.env.SSE_BENCH_HEAP_LIMIT_MB ?? 64);

/** Runs the measurement in a fresh child process. */
export function runLargeEvents(count = 10, bytes = 14_000_000): Promise<LargeEventResult> {
  const child = fork(new URL(import.meta.url), [String(count), String(bytes)], { execArgv: [`--max-old-space-size=${HEAP_LIMIT_MB}`] });
  return new Promise((resolve, reject) => {
    child.once("message", (message) => resolve(message as LargeEventResult));
    child.once("error", reject);
    child.once("exit", (code) => (code ? reject(new Error(`the large-event client exited with ${code}`)) : undefined));
  });
}

async function measure(count: number, bytes: number): Promise<LargeEventResult> {
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc") as () => void;
  const server = fork(new URL("./loopback-server.ts", import.meta.url), [String(count), String(bytes)], { stdio: "inherit" });
  try {
    const port = await new Promise<number>((resolve) => server.once("message", (message) => resolve((message as { port: number }).port)));
    gc();
    const before = process.memoryUsage();
    let events = 0;
    for await (const event of streamEvents(`http://127.0.0.1:${port}/stream`, { maxEventSize: MAX_EVENT_SIZE })) {
      if (event.id !== String(events) || event.data.length !== bytes) throw new Error(`event ${events} arrived as ${event.id} with ${event.data.length} bytes`);
      if (++events === count) break;
    }
    gc();
    return {
      events,
      eventMB: mb(bytes),
      maxEventSizeMB: mb(MAX_EVENT_SIZE),
      heapBeforeMB: mb(before.heapUsed),
      heapAfterMB: mb(process.memoryUsage().heapUsed),
      rssBeforeMB: mb(before.rss),
      peakRssMB: mb(process.resourceUsage().maxRSS * 1024),
    };
  } finally {
    server.disconnect();
  }
}

if (process.send) {
  const [count, bytes] = process.argv.slice(2).map(Number);
  process.send(await measure(count ?? 10, bytes ?? 14_000_000));
  process.disconnect();
} else if (import.meta.main) {
  console.log(await runLargeEvents());
}
