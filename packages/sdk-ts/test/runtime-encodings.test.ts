// The runtime's encodings that the Expys API does not use but generated code
// for other APIs does: non-JSON bodies, query styles, cookie parameters, basic
// auth, and streams of several event types or of raw events. Each request goes to a real server on 127.0.0.1, which reports
// exactly what arrived on the wire.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  basicAuth,
  binaryBody,
  commaQuery,
  cookies,
  createClient,
  deepObjectQuery,
  explodeQuery,
  formBody,
  multipartBody,
  pipeQuery,
  spaceQuery,
  textBody,
  type Client,
  jsonEvent,
  type Security,
  taggedEvent,
  textEvent,
} from "../src/runtime/index.ts";
import { ExpysError } from "../src/index.ts";

interface Received {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** What each event stream route sends. */
const EVENTS: Record<string, string> = {
  "/events": 'event: tick\ndata: {"n":1}\n\nevent: unknown\ndata: x\n\nevent: done\ndata: bye\n\nevent: tick\ndata: {"n":2}\n\n',
  "/events/raw": "data: one\n\nid: 7\nevent: other\ndata: two\n\nevent: done\ndata: bye\n\n",
  "/events/bad": "event: tick\ndata: {not json\n\n",
};

let server: ReturnType<typeof createServer>;
let baseUrl: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      if (request.url?.startsWith("/events")) {
        response.writeHead(200, { "Content-Type": "text/event-stream" });
        // A terminal event ends the stream, so the server may leave it open.
        response.write(EVENTS[request.url] ?? "");
        return;
      }
      const received: Received = {
        method: request.method ?? "",
        url: request.url ?? "",
        headers: request.headers,
        body: Buffer.concat(chunks).toString("latin1"),
      };
      response.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(received));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((resolve) => server.close(() => resolve()));
});

const api = { environments: {}, errorCodes: [] };
const client = (security: Security = []): Client => createClient({ baseUrl, logLevel: "off" }, api, security);
const send = (request: Parameters<Client["sendRequest"]>[0], security?: Security): Promise<Received> => client(security).sendRequest<Received>(request);

describe("request bodies that are not JSON", () => {
  it("sends a form, repeating arrays, skipping absent fields, and JSON for nested objects", async () => {
    const received = await send({
      route: "POST /form",
      requestBody: { name: "a b&c", tags: ["x", "y"], gone: undefined, meta: { k: 1 } },
      encodeBody: formBody,
    });
    expect(received.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(received.body).toBe("name=a+b%26c&tags=x&tags=y&meta=%7B%22k%22%3A1%7D");
  });

  it("sends multipart form data with fetch's boundary, files as files", async () => {
    const file = new Blob(["file bytes"], { type: "text/plain" });
    const received = await send({ route: "POST /upload", requestBody: { title: "t", file }, encodeBody: multipartBody });
    const contentType = String(received.headers["content-type"]);
    expect(contentType).toMatch(/^multipart\/form-data; boundary=/);
    expect(received.body).toContain('Content-Disposition: form-data; name="title"\r\n\r\nt\r\n');
    expect(received.body).toMatch(/Content-Disposition: form-data; name="file"; filename="blob"\r\nContent-Type: text\/plain\r\n\r\nfile bytes\r\n/);
  });

  it("sends text and bytes as they are, under the operation's media type", async () => {
    const text = await send({ route: "PUT /text", requestBody: "línea 1\nline 2", encodeBody: textBody("text/plain; charset=utf-8") });
    expect(text.headers["content-type"]).toBe("text/plain; charset=utf-8");
    expect(Buffer.from(text.body, "latin1").toString("utf8")).toBe("línea 1\nline 2");
    const bytes = await send({ route: "PUT /bytes", requestBody: new Uint8Array([0, 255, 10]), encodeBody: binaryBody("application/octet-stream") });
    expect(bytes.headers["content-type"]).toBe("application/octet-stream");
    expect([...Buffer.from(bytes.body, "latin1")]).toEqual([0, 255, 10]);
  });
});

describe("query styles", () => {
  const query = async (values: Readonly<Record<string, unknown>>): Promise<string> =>
    decodeURIComponent((await send({ route: "GET /q", queryParams: values })).url);

  it("spells scalars and arrays in OpenAPI's default style, form with explode", async () => {
    expect(await query({ q: "a b" })).toBe("/q?q=a+b");
    expect(await query({ q: [1, 2] })).toBe("/q?q=1&q=2");
    expect(await query({ q: undefined })).toBe("/q");
  });

  it("spells each named style as OpenAPI defines it, from the value generated code applies it to", async () => {
    expect(await query({ ...explodeQuery("q", { a: 1, b: "x", c: undefined }) })).toBe("/q?a=1&b=x");
    expect(await query({ ...explodeQuery("q", 3) })).toBe("/q?q=3");
    expect(await query({ q: commaQuery([1, 2]) })).toBe("/q?q=1,2");
    expect(await query({ q: commaQuery({ a: 1, b: 2 }) })).toBe("/q?q=a,1,b,2");
    expect(await query({ q: spaceQuery([1, 2]) })).toBe("/q?q=1+2");
    expect(await query({ q: pipeQuery([1, 2]) })).toBe("/q?q=1|2");
    expect(await query({ ...deepObjectQuery("q", { a: 1, b: null, c: "z" }) })).toBe("/q?q[a]=1&q[c]=z");
  });

  it("leaves out a styled parameter that has no value", async () => {
    expect(await query({ a: commaQuery(undefined), b: pipeQuery(null), ...deepObjectQuery("c", undefined), ...explodeQuery("d", undefined) })).toBe("/q");
  });
});

describe("cookie parameters and basic auth", () => {
  it("joins cookie parameters into one Cookie header, encoding values and skipping absent ones", async () => {
    expect(cookies({ session: "a;b", theme: undefined, n: 3 })).toBe("session=a%3Bb; n=3");
    expect(cookies({ theme: undefined })).toBeUndefined();
    const received = await send({ route: "GET /c", headerParams: { Cookie: cookies({ session: "s 1" }) } });
    expect(received.headers.cookie).toBe("session=s%201");
  });

  it("sends basic credentials in Authorization, and redacts the password from errors and logs", async () => {
    const credential = basicAuth({ username: "user", password: "pa:ss" });
    const received = await send({ route: "GET /b" }, [[credential]]);
    expect(received.headers.authorization).toBe(`Basic ${Buffer.from("user:pa:ss").toString("base64")}`);
    const secrets = new Set<string>();
    await credential!.authorize({}, {}, secrets);
    expect([...secrets]).toEqual(["pa:ss"]);
  });

  it("has no credential when the option is absent, so the security alternative is skipped", async () => {
    expect(basicAuth(undefined)).toBeUndefined();
    const received = await send({ route: "GET /none" }, [[basicAuth(undefined)], []]);
    expect(received.headers.authorization).toBeUndefined();
  });
});

describe("streams of several event types, and of raw events", () => {
  /** What a stream yields, until it ends or `count` items have arrived. */
  const collect = async (route: string, declaredEvents?: Parameters<Client["streamRequest"]>[0]["declaredEvents"], count = 10): Promise<unknown[]> => {
    const received: unknown[] = [];
    for await (const item of client().streamRequest({ route, ...(declaredEvents ? { declaredEvents } : {}) })) {
      received.push(item);
      if (received.length === count) break;
    }
    return received;
  };

  it("tags each declared event with its type, skips undeclared ones, and ends on a terminal event", async () => {
    const events = [["tick", taggedEvent(jsonEvent)] as const, ["done", taggedEvent(textEvent), true] as const];
    expect(await collect("GET /events", events)).toEqual([
      { event: "tick", data: { n: 1 } },
      { event: "done", data: "bye" },
    ]);
  });

  it("yields the events as parsed when the operation declares none", async () => {
    expect(await collect("GET /events/raw", undefined, 3)).toEqual([
      { event: "message", data: "one", id: undefined },
      { event: "other", data: "two", id: "7" },
      { event: "done", data: "bye", id: "7" },
    ]);
  });

  it("ends with an ExpysError naming the event type when its data is not JSON", async () => {
    const error = await collect("GET /events/bad", [["tick", jsonEvent]]).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ExpysError);
    expect((error as Error).message).toBe("a tick event's data is not JSON");
  });
});
