/**
 * The built declarations type-check in a consumer project with Node's types
 * and no DOM library, and in one with the DOM library and no Node types:
 * `HeadersInit` and friends exist only in the DOM library.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
const declarations = fileURLToPath(new URL("../dist/index.d.ts", import.meta.url));
const typeRoots = fileURLToPath(new URL("../../../node_modules/@types", import.meta.url));

const consumer = `
import { EventStreamParser, SseResponseError, fetchEventStream, streamEvents, type FetchEventStreamOptions, type StreamEventsOptions } from "@expys/sse";
const options: StreamEventsOptions = {
  headers: async () => ({ Authorization: "Bearer t" }),
  credentials: "include",
  signal: undefined,
  onError: (error) => { if (error instanceof SseResponseError) void error.headers.get("x-request-id"); },
};
const lean: FetchEventStreamOptions = {
  headers: async ({ unauthorized }) => ({ Authorization: unauthorized ? "Bearer fresh" : "Bearer t" }),
  idleTimeout: 45_000,
  method: "POST",
  body: async () => new TextEncoder().encode("{}"),
  onComment: (comment) => void comment.length,
  onError: (error, { willReconnect }) => void [error, willReconnect],
  maxUnansweredAttempts: 0,
};
export async function main(): Promise<void> {
  const stream = streamEvents("http://127.0.0.1/", options);
  for await (const event of stream) {
    void event.data;
    stream.restart();
  }
  for await (const event of fetchEventStream(new URL("http://127.0.0.1/"), lean)) void event.id;
  new EventStreamParser({ onEvent: (event) => void event.id }).feed(new Uint8Array(0));
}
`;

async function typeCheck(lib: string[], types: string[]): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), "sse-consumer-"));
  try {
    const compilerOptions = {
      target: "ES2022",
      lib,
      types,
      typeRoots: [typeRoots],
      module: "NodeNext",
      moduleResolution: "NodeNext",
      strict: true,
      exactOptionalPropertyTypes: true,
      skipLibCheck: false,
      noEmit: true,
      paths: { "@expys/sse": [declarations] },
    };
    await writeFile(join(directory, "package.json"), '{ "type": "module" }');
    await writeFile(join(directory, "tsconfig.json"), JSON.stringify({ compilerOptions, files: ["main.ts"] }));
    await writeFile(join(directory, "main.ts"), consumer);
    try {
      await run(process.execPath, [tsc, "-p", directory], { timeout: 60_000 });
      return "";
    } catch (error) {
      return String((error as { stdout?: string }).stdout ?? error);
    }
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

describe("the built declarations", () => {
  it("type-check with Node's types and no DOM library", async () => {
    expect(await typeCheck(["ES2023"], ["node"])).toBe("");
  });

  it("type-check with the DOM library and no Node types", async () => {
    expect(await typeCheck(["ES2023", "DOM", "DOM.AsyncIterable"], [])).toBe("");
  });
});
