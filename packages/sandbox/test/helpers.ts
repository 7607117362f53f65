// Shared helpers for the sandbox's tests: quiet sandboxes, a small JSON client
// over global fetch, a minimal SSE reader over node:http (the workspace's own
// SSE client is a separate package), and response validation against the spec.
import { request, type IncomingMessage } from "node:http";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Ajv, type ValidateFunction } from "ajv";
import addFormatsPlugin from "ajv-formats";
import { afterEach } from "vitest";
import { startSandbox, type Sandbox, type SandboxOptions } from "../src/index.ts";

const addFormats = addFormatsPlugin as unknown as (ajv: Ajv) => Ajv;

const running = new Set<Sandbox>();

afterEach(async () => {
  await Promise.all([...running].map((sandbox) => sandbox.close()));
  running.clear();
});

/** A sandbox with the concierge off and no log, closed after the test. */
export async function quietSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const sandbox = await startSandbox({ agent: false, log: false, ...options });
  running.add(sandbox);
  return sandbox;
}

/** A response read in full. */
export interface JsonResponse {
  status: number;
  headers: Headers;
  // Tests index freely into bodies; the schema checks below keep them honest.
  body: any;
}

/** Options of `call`: `token` becomes `Authorization: Bearer`, `json` the body. */
export interface CallOptions {
  method?: string;
  token?: string;
  headers?: Record<string, string>;
  json?: unknown;
  body?: string | Uint8Array<ArrayBuffer>;
}

/** Calls the sandbox with fetch and reads the JSON body. */
export async function call(sandbox: { baseUrl: string }, path: string, options: CallOptions = {}): Promise<JsonResponse> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token !== undefined) headers.Authorization = `Bearer ${options.token}`;
  let body: string | Uint8Array<ArrayBuffer> | null = options.body ?? null;
  if (options.json !== undefined) {
    headers["Content-Type"] ??= "application/json";
    body = JSON.stringify(options.json);
  }
  const response = await fetch(`${sandbox.baseUrl}${path}`, { method: options.method ?? "GET", headers, body });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text === "" ? undefined : JSON.parse(text) };
}

/** Sends a message as the sandbox's demo member, optionally with an idempotency key. */
export function send(sandbox: Sandbox, message: string, key?: string, conversationId = sandbox.conversationId) {
  return call(sandbox, `/v1/conversations/${conversationId}/messages`, {
    method: "POST",
    token: sandbox.memberToken,
    json: { message },
    headers: key === undefined ? {} : { "Idempotency-Key": key },
  });
}

/** The spec's OpenAPI document, the one the sandbox is generated from. */
export const document = JSON.parse(readFileSync(createRequire(import.meta.url).resolve("@expys/spec/openapi.json"), "utf8"));
const ajv = addFormats(new Ajv({ strict: false, allErrors: true }));
ajv.addSchema(closed(document) as object, "openapi.json");
const validators = new Map<string, ValidateFunction>();

/** The document with every object schema closed, so an extra field in a response fails the check. */
function closed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(closed);
  if (value === null || typeof value !== "object") return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) copy[key] = closed(item);
  if (copy.type === "object" && copy.properties && copy.additionalProperties === undefined) copy.additionalProperties = false;
  return copy;
}

/** Problems of `value` against the spec's schema `name` (empty when it conforms). */
export function schemaErrors(name: string, value: unknown): string[] {
  let validate = validators.get(name);
  if (!validate) {
    validate = ajv.compile({ $ref: `openapi.json#/components/schemas/${name}` });
    validators.set(name, validate);
  }
  return validate(value) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);
}

/** One Server-Sent Event as a reader dispatches it. */
export interface SseEvent {
  id: string | undefined;
  event: string;
  data: string;
}

/** An open SSE response read by hand: events, comments and the retry hint, as they arrive. */
export interface SseReader {
  response: IncomingMessage;
  events: SseEvent[];
  comments: string[];
  retry: number | undefined;
  /** Everything received so far, as text (the JSON body of an error response). */
  text: string;
  /** Resolves once `count` events have arrived in total; rejects if the stream ends first. */
  waitForEvents(count: number, timeoutMs?: number): Promise<SseEvent[]>;
  /** Resolves when the response ends or the connection drops: `"end"` or `"error"`. */
  ended: Promise<"end" | "error">;
  close(): void;
}

/** Opens `path` as an event stream; resolves with the response whatever its status. */
export function openStream(sandbox: { baseUrl: string }, path: string, headers: Record<string, string> = {}): Promise<SseReader> {
  return new Promise((resolve, reject) => {
    const req = request(`${sandbox.baseUrl}${path}`, { headers: { Accept: "text/event-stream", ...headers } });
    // Errors after the response (a cut connection) surface through `ended`; keep them from going unhandled.
    req.on("error", reject);
    req.once("response", (response) => {
      const reader = readEvents(response, () => req.destroy());
      resolve(reader);
    });
    req.end();
  });
}

function readEvents(response: IncomingMessage, destroy: () => void): SseReader {
  const waiters = new Set<() => void>();
  let buffer = "";
  let finished: "end" | "error" | undefined;
  let current: { id?: string; event?: string; data: string[] } = { data: [] };
  const reader: SseReader = {
    response,
    events: [],
    comments: [],
    retry: undefined,
    text: "",
    ended: new Promise((resolve) => {
      response.once("end", () => resolve("end"));
      response.on("error", () => resolve("error"));
      response.once("aborted", () => resolve("error"));
    }),
    waitForEvents(count, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          if (reader.events.length >= count) {
            cleanup();
            resolve(reader.events.slice(0, count));
          } else if (finished) {
            cleanup();
            reject(new Error(`stream ended (${finished}) after ${reader.events.length} of ${count} events`));
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`timed out with ${reader.events.length} of ${count} events`));
        }, timeoutMs);
        const cleanup = (): void => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    close: destroy,
  };
  const notify = (): void => {
    for (const waiter of [...waiters]) waiter();
  };
  void reader.ended.then((how) => {
    finished = how;
    notify();
  });
  response.setEncoding("utf8");
  response.on("data", (chunk: string) => {
    reader.text += chunk;
    buffer += chunk;
    for (let newline = buffer.indexOf("\n"); newline !== -1; newline = buffer.indexOf("\n")) {
      const line = buffer.slice(0, newline).replace(/\r$/, "");
      buffer = buffer.slice(newline + 1);
      if (line === "") {
        if (current.data.length > 0) {
          reader.events.push({ id: current.id, event: current.event ?? "message", data: current.data.join("\n") });
        }
        current = { data: [] };
      } else if (line.startsWith(":")) {
        reader.comments.push(line.slice(1).trim());
      } else {
        const colon = line.indexOf(":");
        const field = colon === -1 ? line : line.slice(0, colon);
        const value = colon === -1 ? "" : line.slice(colon + 1).replace(/^ /, "");
        if (field === "data") current.data.push(value);
        else if (field === "id") current.id = value;
        else if (field === "event") current.event = value;
        else if (field === "retry") reader.retry = Number(value);
      }
    }
    notify();
  });
  return reader;
}

/** Polls `condition` until it holds; throws with `what` after `timeoutMs`. */
export async function waitUntil(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const base64url = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/**
 * The same bytes, spelled differently: a 32-byte HMAC is 43 base64 characters,
 * whose last one carries 2 unused bits that a lenient decoder ignores.
 */
export function flipUnusedBits(signature: string): string {
  const last = base64url.indexOf(signature.at(-1) ?? "A");
  return signature.slice(0, -1) + base64url[last ^ 1];
}
