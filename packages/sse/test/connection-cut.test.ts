/**
 * Bytes that reached the client before its connection broke are events, not
 * losses. A runtime's fetch drops what its body holds unread when the socket
 * fails (Node and Bun do; the streams spec empties the queue of an errored
 * stream), so a client that reads only while its consumer waits loses the
 * events that arrived while the consumer was busy, and resumes from before
 * them. Against a server that cuts each connection after a few hundred bytes,
 * that loses every resumed connection's events: the stream never moves on.
 * Real servers on 127.0.0.1; the socket is destroyed, as a network cut would.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { ServerSentEvent } from "../src/index.ts";
import { entries } from "./support/entries.ts";
import { answer, openStream, startServer, type Handler, type TestServer } from "./support/test-server.ts";

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});
async function serve(handler: Handler): Promise<TestServer> {
  const server = await startServer(handler);
  servers.push(server);
  return server;
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(entries)("a connection cut while the consumer is busy, with $name", ({ stream }) => {
  it("still delivers the event that arrived before the cut, and resumes after it", async () => {
    /** Called once the consumer has the first event: the server sends the second, then cuts. */
    let sendSecond!: () => void;
    const server = await serve((request, response, index) => {
      if (index > 0) {
        answer(response, 204);
        return;
      }
      openStream(response);
      response.write("id: 1\ndata: first\n\n");
      sendSecond = () => {
        response.write("id: 2\ndata: second\n\n", () => {
          // Once the bytes are on the wire: the cut the consumer does not see coming.
          setTimeout(() => request.socket.destroy(), 50);
        });
      };
    });
    const seen: ServerSentEvent[] = [];
    for await (const event of stream(server.url(), { backoff: { baseMs: 0 } })) {
      seen.push(event);
      if (event.id === "1") {
        sendSecond();
        // Busy with the event for long enough that the second one arrives and the socket breaks meanwhile.
        await pause(400);
      }
    }
    expect(seen.map((event) => event.data)).toEqual(["first", "second"]);
    expect(server.requests.map((request) => request.lastEventId)).toEqual([undefined, "2"]);
  });
});
