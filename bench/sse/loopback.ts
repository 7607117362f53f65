/**
 * 1,000,000 events through a real server over loopback into streamEvents,
 * with the client's memory sampled after a full GC along the way: it must
 * stay flat, as the client holds at most one chunk and one event at a time.
 */
import { fork } from "node:child_process";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { streamEvents } from "@expys/sse";

export interface MemorySample {
  events: number;
  heapUsedMB: number;
  /** Memory outside the JS heap that JS objects own: socket and chunk buffers. */
  externalMB: number;
  rssMB: number;
}

export interface LoopbackResult {
  events: number;
  seconds: number;
  samples: MemorySample[];
}

/** A full GC without the --expose-gc flag, so `node sse/run.ts` needs no options. */
function collectGarbage(): () => void {
  setFlagsFromString("--expose-gc");
  return runInNewContext("gc") as () => void;
}

const mb = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 10) / 10;

export async function runLoopback(count = 1_000_000): Promise<LoopbackResult> {
  const gc = collectGarbage();
  const child = fork(new URL("./loopback-server.ts", import.meta.url), [String(count)], { stdio: "inherit" });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      child.once("message", (message) => resolve((message as { port: number }).port));
      child.once("error", reject);
    });
    const sample = (events: number): MemorySample => {
      gc();
      const usage = process.memoryUsage();
      return { events, heapUsedMB: mb(usage.heapUsed), externalMB: mb(usage.external), rssMB: mb(usage.rss) };
    };
    const samples = [sample(0)];
    let events = 0;
    const started = performance.now();
    for await (const event of streamEvents(`http://127.0.0.1:${port}/stream`)) {
      if (event.id !== String(events)) throw new Error(`event ${events} arrived with id ${event.id}`);
      events++;
      if (events % 250_000 === 0) samples.push(sample(events));
      if (events === count) break;
    }
    const seconds = (performance.now() - started) / 1000;
    return { events, seconds, samples };
  } finally {
    child.disconnect();
  }
}
