/**
 * A child process that streams `count` events to one client over loopback as
 * fast as the client reads them (respecting backpressure), with a heartbeat
 * comment every 50 events. It reports its port over IPC.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

const count = Number(process.argv[2] ?? 1_000_000);
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

const server = createServer((_request, response) => {
  response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  let next = 0;
  const pump = (): void => {
    while (next < count) {
      let block = "";
      // Batches of 100 events per write keep the server from being the bottleneck.
      for (let end = Math.min(count, next + 100); next < end; next++) {
        block += `id: ${next}\nevent: message\ndata: ${texts[next % texts.length]}\n\n`;
        if (next % 50 === 49) block += ": heartbeat\n\n";
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
