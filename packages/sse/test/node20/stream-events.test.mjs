// The built package on the machine's Node (20) and on the pinned one: plain
// JavaScript and node:test, because vitest itself needs Node 22+. The stream
// tests run against streamEvents and fetchEventStream alike.
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { after, before, test } from "node:test";
import { EventStreamParser, SseResponseError, fetchEventStream, streamEvents } from "@expys/sse";

const fast = { backoff: { baseMs: 5, capMs: 20, random: () => 0 } };
let server;
let origin;
const requests = [];
const handlers = new Map();

before(async () => {
  server = createServer((request, response) => {
    const raw = request.headers["last-event-id"];
    requests.push({
      path: request.url,
      lastEventId: raw === undefined ? undefined : Buffer.from(raw, "latin1").toString("utf8"),
      authorization: request.headers.authorization,
    });
    const handler = handlers.get(new URL(request.url, "http://x").pathname);
    const index = requests.filter((entry) => entry.path === request.url).length - 1;
    handler(request, response, index);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${server.address().port}`;
});
after(() => {
  server.closeAllConnections();
  server.close();
});

function stream(response) {
  response.writeHead(200, { "content-type": "text/event-stream" });
  response.flushHeaders();
}

function active() {
  const counts = {};
  for (const kind of process.getActiveResourcesInfo()) counts[kind] = (counts[kind] ?? 0) + 1;
  return counts;
}

async function settledAbove(baseline) {
  for (let tries = 0; tries < 100; tries++) {
    const extra = Object.entries(active()).filter(([kind, count]) => count > (baseline[kind] ?? 0));
    if (extra.length === 0) return {};
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return Object.fromEntries(Object.entries(active()).filter(([kind, count]) => count > (baseline[kind] ?? 0)));
}

for (const [name, subscribe] of [
  ["streamEvents", streamEvents],
  ["fetchEventStream", fetchEventStream],
]) {
  test(`${name}: reconnects after a dropped connection with Last-Event-ID, as one sequence`, async () => {
    handlers.set(`/${name}/drop`, (request, response) => {
      stream(response);
      const from = Number(request.headers["last-event-id"] ?? 0);
      response.write(`id: ${from + 1}\ndata: ${from + 1}\n\n`);
      // Closed mid-body: a network error for the client.
      response.socket.end();
    });
    const seen = [];
    for await (const event of subscribe(`${origin}/${name}/drop`, fast)) {
      seen.push([event.id, event.data]);
      if (seen.length === 3) break;
    }
    assert.deepEqual(seen, [
      ["1", "1"],
      ["2", "2"],
      ["3", "3"],
    ]);
    assert.deepEqual(
      requests.filter((entry) => entry.path === `/${name}/drop`).map((entry) => entry.lastEventId),
      [undefined, "1", "2"],
    );
  });

  test(`${name}: sends a non-ASCII Last-Event-ID as UTF-8 bytes`, async () => {
    handlers.set(`/${name}/unicode`, (_request, response, index) => {
      stream(response);
      response.end(index === 0 ? "id: 日本 é\ndata: a\n\n" : "data: b\n\n");
    });
    const seen = [];
    for await (const event of subscribe(`${origin}/${name}/unicode`, fast)) {
      seen.push(event);
      if (seen.length === 2) break;
    }
    assert.deepEqual(
      seen.map((event) => event.id),
      ["日本 é", "日本 é"],
    );
    assert.equal(requests.filter((entry) => entry.path === `/${name}/unicode`)[1].lastEventId, "日本 é");
  });

  test(`${name}: break closes the connection and leaves no socket or timer`, async () => {
    let closed;
    const serverSawClose = new Promise((resolve) => (closed = resolve));
    handlers.set(`/${name}/endless`, (_request, response) => {
      stream(response);
      let count = 0;
      const timer = setInterval(() => response.write(`data: ${++count}\n\n`), 10);
      response.on("close", () => {
        clearInterval(timer);
        closed();
      });
    });
    const baseline = active();
    for await (const event of subscribe(`${origin}/${name}/endless`, { idleTimeout: 5000 })) {
      if (event.data === "2") break;
    }
    await serverSawClose;
    assert.deepEqual(await settledAbove(baseline), {});
  });

  test(`${name}: aborting the signal rejects with its reason and leaves nothing behind`, async () => {
    handlers.set(`/${name}/abort`, (_request, response) => {
      stream(response);
      response.write("data: one\n\n");
    });
    const controller = new AbortController();
    const baseline = active();
    const loop = (async () => {
      for await (const _event of subscribe(`${origin}/${name}/abort`, { signal: controller.signal })) {
        setTimeout(() => controller.abort(), 5);
      }
    })();
    await assert.rejects(loop, { name: "AbortError" });
    assert.deepEqual(await settledAbove(baseline), {});
  });

  test(`${name}: ends normally on 204 and fails with SseResponseError on 404`, async () => {
    handlers.set(`/${name}/gone`, (_request, response) => {
      response.writeHead(204, { connection: "close" });
      response.end();
    });
    handlers.set(`/${name}/missing`, (_request, response) => {
      response.writeHead(404, { "content-type": "application/json", connection: "close" });
      response.end('{"code":"not_found"}');
    });
    const events = [];
    for await (const event of subscribe(`${origin}/${name}/gone`)) events.push(event);
    assert.deepEqual(events, []);
    await assert.rejects(
      (async () => {
        for await (const _event of subscribe(`${origin}/${name}/missing`)) {
          // never reached
        }
      })(),
      (error) => error instanceof SseResponseError && error.status === 404 && JSON.parse(error.body).code === "not_found",
    );
  });
}

test("fetchEventStream lets fetch follow redirects; another origin does not receive Authorization", async () => {
  const other = createServer((request, response) => {
    stream(response);
    response.end(`data: ${request.headers.authorization ?? "none"} ${request.headers["x-tenant"]}\n\n`);
  });
  await new Promise((resolve) => other.listen(0, "127.0.0.1", resolve));
  try {
    // localhost and 127.0.0.1 are different origins on the same machine.
    const elsewhere = `http://localhost:${other.address().port}/there`;
    handlers.set("/hop", (_request, response) => {
      response.writeHead(302, { location: "/leave", connection: "close" });
      response.end();
    });
    handlers.set("/leave", (_request, response) => {
      response.writeHead(307, { location: elsewhere, connection: "close" });
      response.end();
    });
    const events = [];
    for await (const event of fetchEventStream(`${origin}/hop`, { headers: { Authorization: "Bearer sekrit", "X-Tenant": "t1" } })) {
      events.push(event.data);
      break;
    }
    assert.deepEqual(events, ["none t1"]);
    assert.deepEqual(
      requests.filter((entry) => entry.path === "/hop" || entry.path === "/leave").map((entry) => [entry.path, entry.authorization]),
      [
        ["/hop", "Bearer sekrit"],
        ["/leave", "Bearer sekrit"],
      ],
    );
  } finally {
    other.closeAllConnections();
    other.close();
  }
});

test("the parser handles every chunking of a stream with a split BOM, CRLF and characters", () => {
  const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode("id: 日\r\ndata: é\r\n\r\ndata: \uFEFFx\r\r")]);
  const parse = (chunks) => {
    const events = [];
    const parser = new EventStreamParser({ onEvent: (event) => events.push(event) });
    for (const chunk of chunks) parser.feed(chunk);
    return events;
  };
  const whole = parse([bytes]);
  assert.deepEqual(whole, [
    { event: "message", data: "é", id: "日" },
    { event: "message", data: "\uFEFFx", id: "日" },
  ]);
  for (let cut = 1; cut < bytes.length; cut++) {
    assert.deepEqual(parse([bytes.subarray(0, cut), bytes.subarray(cut)]), whole, `split at ${cut}`);
  }
});
