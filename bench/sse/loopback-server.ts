/**
 * A child process that streams `count` events to one client over loopback as
 * fast as the client reads them (respecting backpressure), with a heartbeat
 * comment every 50 events. It reports its port over IPC.
 *
 * `node loopback-server.ts <count> [eventBytes]`: with `eventBytes`, each
 * event's data is that many bytes of text instead of a ~200-byte message,
 * of ASCII text (so bytes and UTF-16 code units agree), written in 64 KiB
 * pieces: the large-event measurement.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

const count = Number(process.argv[2] ?? 1_000_000);
const eventBytes = Number(process.argv[3] ?? 0);
const texts = Array.from({ length: 64 }, (_, index) =>
  JSON.stringify({
    id: `msg_${index.toString(36).padStart(6, "0")}`,
    conversationId: "conv_8f3a2c1d",
    role: index % 2 === 0 ? "member" : "concierge",
    text: `table for two at eight, café ${"booking ".repeat(index % 5)}tonight`,
    status: "delivered",
    createdAt: new Date(1_750_000_000_000 + index * 1000).toISOString(),
  }),
);
const PIECE = 64 * 1024;
const large = "table for two at eight, thanks ".repeat(Math.ceil(eventBytes / 30)).slice(0, eventBytes);

/** The blocks to write for event `index`. */
function* blocks(index: number): Generator<string> {
  if (!eventBytes) {
    yield `id: ${index}\nevent: message\ndata: ${texts[index % texts.length]}\n\n${index % 50 === 49 ? ": heartbeat\n\n" : ""}`;
    return;
  }
  const event = `id: ${index}\ndata: ${large}\n\n`;
  for (let offset = 0; offset < event.length; offset += PIECE) yield event.slice(offset, offset + PIECE);
}

const server = createServer((_request, response) => {
  response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  let next = 0;
  let pending: Generator<string> | undefined;
  const pump = (): void => {
    while (next < count || pending) {
      let block = "";
      // Batches of about 100 small events per write keep the server from being the bottleneck.
      while (block.length < 20_000 && (next < count || pending)) {
        pending ??= blocks(next++);
        const piece = pending.next();
        if (piece.done) pending = undefined;
        else block += piece.value;
      }
      if (!response.write(block)) {
        response.once("drain", pump);
        return;
      }
    }
    response.end();
  };
  pump();
});
server.listen(0, "127.0.0.1", () => process.send?.({ port: (server.address() as AddressInfo).port }));
process.on("disconnect", () => process.exit(0));
