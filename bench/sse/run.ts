/**
 * The @expys/sse benchmark: `npm run sse` in bench/ (node sse/run.ts).
 *
 * 1. 1,000,000 events over loopback through a real server, with the client's
 *    memory sampled after a full GC: it must stay flat.
 * 2. Ten events of 14 MB through streamEvents with maxEventSize raised, in a
 *    child process whose heap is capped at 64 MB: memory stays bounded by a
 *    few events, not by how many pass.
 * 3. Throughput on two corpora of ~50 MB each in 64 KiB chunks (messages of
 *    about 255 bytes; small events of about 200 bytes with non-ASCII text in
 *    every one), in interleaved rounds (ours, theirs, ours, theirs...) so that
 *    a noisy neighbour slows both sides alike; medians and their ratios are
 *    reported. Each round is timed in the process's CPU time (user and
 *    system), which other work on a shared machine disturbs far less than
 *    the wall clock; both sides are measured alike.
 *
 * It imports the built package: run `npm run build` at the root first.
 */
import { cpus } from "node:os";
import { buildCorpus, buildSmallEventCorpus, type Corpus } from "./corpus.ts";
import { runLargeEvents } from "./large-event.ts";
import { runLoopback } from "./loopback.ts";
import { oursParser, oursPublic, theirsParser, theirsPublic, type Tally } from "./throughput.ts";

const ROUNDS = Number(process.env.SSE_BENCH_ROUNDS ?? 9);
const LOOPBACK_EVENTS = Number(process.env.SSE_BENCH_LOOPBACK_EVENTS ?? 1_000_000);

interface Contender {
  name: string;
  run: () => Tally | Promise<Tally>;
  rates: number[];
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const format = (value: number, digits = 1): string => value.toFixed(digits);

console.log(`@expys/sse benchmark on Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? "unknown CPU"}\n`);

// First, while the process holds nothing else, so its memory is the client's alone.
console.log(`loopback: ${LOOPBACK_EVENTS} events from a real server (child process) into streamEvents`);
const loopback = await runLoopback(LOOPBACK_EVENTS);
console.log(`  ${loopback.events} events in ${format(loopback.seconds)} s (${format(loopback.events / loopback.seconds / 1000, 0)}k events/s)`);
console.log(`  client memory after a full GC:`);
for (const sample of loopback.samples) {
  console.log(
    `    after ${String(sample.events).padStart(9)} events: heap ${format(sample.heapUsedMB).padStart(5)} MB, ` +
      `external ${format(sample.externalMB).padStart(5)} MB, rss ${format(sample.rssMB).padStart(6)} MB`,
  );
}
const first = loopback.samples[0]!;
const last = loopback.samples.at(-1)!;
const growth = last.heapUsedMB - first.heapUsedMB;
const flat = growth < 8;
console.log(`  heap growth ${format(growth)} MB: ${flat ? "flat" : "NOT FLAT"}`);

console.log(`\nlarge events: 10 events of 14 MB each into streamEvents with maxEventSize 16 MiB, in a child process with a 64 MB heap`);
const large = await runLargeEvents();
console.log(
  `  ${large.events} events of ${large.eventMB} MiB arrived whole; heap after a full GC ${large.heapBeforeMB} MB before, ${large.heapAfterMB} MB after; ` +
    `peak rss ${large.peakRssMB} MB (${large.rssBeforeMB} MB at the start)`,
);

interface Ratios {
  corpus: string;
  publicRatio: number;
  parserRatio: number;
}

/** Throughput on one corpus: interleaved rounds of the four contenders, their medians, and the two ratios. */
async function throughput(corpus: Corpus): Promise<Ratios> {
  const megabytes = corpus.bytes / 1e6;
  console.log(
    `\ncorpus "${corpus.name}": ${format(megabytes)} MB, ${corpus.events} events (avg ${format(corpus.bytes / corpus.events, 0)} bytes), ` +
      `${corpus.heartbeats} heartbeats, ${corpus.chunks.length} chunks of 64 KiB`,
  );
  const contenders: Contender[] = [
    { name: "streamEvents (fetch, for await)", run: () => oursPublic(corpus), rates: [] },
    { name: "eventsource-parser (TextDecoderStream + EventSourceParserStream, for await)", run: () => theirsPublic(corpus), rates: [] },
    { name: "EventStreamParser.feed(bytes)", run: () => oursParser(corpus), rates: [] },
    { name: "eventsource-parser feed(decoder.decode(bytes))", run: () => theirsParser(corpus), rates: [] },
  ];
  // Every contender must see exactly the same events, or the comparison means nothing.
  const expected = JSON.stringify(await contenders[0]!.run());
  for (const contender of contenders) {
    const tally = JSON.stringify(await contender.run());
    if (tally !== expected) throw new Error(`${contender.name} saw ${tally}, expected ${expected}`);
  }
  for (let round = 0; round < ROUNDS; round++) {
    for (const contender of contenders) {
      const started = process.cpuUsage();
      await contender.run();
      const { user, system } = process.cpuUsage(started);
      contender.rates.push(megabytes / ((user + system) / 1e6));
    }
  }
  console.log(`throughput, median of ${ROUNDS} interleaved rounds (MB per second of CPU time):`);
  for (const contender of contenders) {
    console.log(`  ${format(median(contender.rates)).padStart(7)}  ${contender.name}  [${contender.rates.map((rate) => format(rate, 0)).join(", ")}]`);
  }
  const ratio = (ours: Contender, theirs: Contender): number => median(ours.rates) / median(theirs.rates);
  const [publicOurs, publicTheirs, parserOurs, parserTheirs] = contenders as [Contender, Contender, Contender, Contender];
  return { corpus: corpus.name, publicRatio: ratio(publicOurs, publicTheirs), parserRatio: ratio(parserOurs, parserTheirs) };
}

const results = [await throughput(buildCorpus()), await throughput(buildSmallEventCorpus())];

console.log(`\nratios (ours / theirs):`);
let missed = false;
for (const { corpus, publicRatio, parserRatio } of results) {
  missed ||= publicRatio < 1.25 || parserRatio < 1;
  console.log(`  ${corpus.padEnd(12)}  public path: ${format(publicRatio, 2)}x (target >= 1.25x) ${publicRatio >= 1.25 ? "ok" : "MISSED"}`);
  console.log(`  ${"".padEnd(12)}  parser:      ${format(parserRatio, 2)}x (target >= 1.00x) ${parserRatio >= 1 ? "ok" : "MISSED"}`);
}

if (missed || !flat) process.exitCode = 1;
