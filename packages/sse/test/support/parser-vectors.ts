/**
 * The language-neutral parser vectors, `conformance/sse-parser-vectors.json`
 * at the repository root, which the Kotlin and Swift SDKs read too. The file's
 * `$comment` (and conformance/README.md) defines the format; this module reads
 * it into what the TypeScript tests compare, and refuses a vector that breaks
 * the format rather than let a typo pass as an empty expectation.
 */
import { readFileSync } from "node:fs";
import type { ServerSentEvent } from "../../src/index.ts";
import type { ParseOptions, ParseResult } from "./parse-all.ts";

export const VECTORS_FILE = new URL("../../../../conformance/sse-parser-vectors.json", import.meta.url);

/** One vector as the file spells it. */
interface VectorJson {
  rule: string;
  input?: string;
  inputBase64?: string;
  events: { event: string; data: string; id: string | null }[];
  retries?: number[];
  comments?: string[];
  lastEventId: string | null;
  error?: "event_too_large";
  options?: { lastEventId?: string; maxEventSize?: number };
}

/** One vector, ready for the tests: the input's bytes and the expected parse. */
export interface Vector {
  rule: string;
  bytes: Uint8Array;
  options: ParseOptions;
  expected: ParseResult;
}

/** The language-neutral error names, and the classes they stand for here. */
const ERROR_NAMES: Record<string, string> = { event_too_large: "SseEventTooLargeError" };

const FIELDS = new Set(["rule", "input", "inputBase64", "events", "retries", "comments", "lastEventId", "error", "options"]);

function toVector(json: VectorJson, index: number): Vector {
  const where = `vector ${index} (${json.rule})`;
  const unknown = Object.keys(json).filter((key) => !FIELDS.has(key));
  if (unknown.length) throw new Error(`${where}: unknown fields ${unknown.join(", ")}`);
  if (typeof json.rule !== "string" || !Array.isArray(json.events)) throw new Error(`${where}: needs rule and events`);
  if ((json.input === undefined) === (json.inputBase64 === undefined)) throw new Error(`${where}: needs exactly one of input and inputBase64`);
  if (!("lastEventId" in json)) throw new Error(`${where}: needs lastEventId`);
  if (json.error !== undefined && !(json.error in ERROR_NAMES)) throw new Error(`${where}: unknown error ${json.error}`);
  const bytes = json.input === undefined ? Uint8Array.from(Buffer.from(json.inputBase64 ?? "", "base64")) : new TextEncoder().encode(json.input);
  const events: ServerSentEvent[] = json.events.map(({ event, data, id }) => ({ event, data, id: id ?? undefined }));
  return {
    rule: json.rule,
    bytes,
    options: { ...json.options },
    expected: {
      events,
      retries: json.retries ?? [],
      comments: json.comments ?? [],
      lastEventId: json.lastEventId ?? undefined,
      error: json.error === undefined ? undefined : ERROR_NAMES[json.error],
    },
  };
}

/** Every vector in the file, in order. */
export function loadParserVectors(): Vector[] {
  const { vectors } = JSON.parse(readFileSync(VECTORS_FILE, "utf8")) as { vectors: VectorJson[] };
  return vectors.map(toVector);
}
