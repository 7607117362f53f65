/**
 * One vector per rule of HTML §9.2.5 "Parsing an event stream" and §9.2.6
 * "Interpreting an event stream", each fed whole, split in two at every byte
 * boundary, and one byte at a time: chunking must never change the result.
 * The same vectors then go through streamEvents and fetchEventStream as a
 * response body, whole and one byte at a time.
 */
import { describe, expect, it } from "vitest";
import type { ServerSentEvent } from "../src/index.ts";
import { entries, throughEntry } from "./support/entries.ts";
import { cutAt, parseChunks, utf8, type ParseOptions, type ParseResult } from "./support/parse-all.ts";

interface Vector {
  rule: string;
  input: string | Uint8Array;
  events: ServerSentEvent[];
  retries?: number[];
  comments?: string[];
  /** The last event id when the input ends (defaults to the last event's id, or undefined). */
  lastEventId?: string | undefined;
  error?: string;
  options?: ParseOptions;
}

const message = (data: string, id?: string, event = "message"): ServerSentEvent => ({ event, data, id });
const bytes = (...parts: (string | number[])[]): Uint8Array => {
  const arrays = parts.map((part) => (typeof part === "string" ? utf8(part) : Uint8Array.from(part)));
  const all = new Uint8Array(arrays.reduce((sum, array) => sum + array.length, 0));
  let offset = 0;
  for (const array of arrays) {
    all.set(array, offset);
    offset += array.length;
  }
  return all;
};
const BOM = [0xef, 0xbb, 0xbf];

const vectors: Vector[] = [
  // Line ends: CRLF, LF or a lone CR; a CRLF is one line end (§9.2.5).
  { rule: "LF ends lines", input: "data: a\n\n", events: [message("a")] },
  { rule: "CRLF ends lines", input: "data: a\r\n\r\n", events: [message("a")] },
  { rule: "a lone CR ends lines", input: "data: a\r\r", events: [message("a")] },
  { rule: "CRLF is one line end, not a blank line", input: "data: a\r\ndata: b\r\n\r\n", events: [message("a\nb")] },
  { rule: "mixed line ends in one stream", input: "data: a\rdata: b\ndata: c\r\n\ndata: d\r\r\n", events: [message("a\nb\nc"), message("d")] },
  { rule: "LF then CR is two line ends", input: "data: a\n\rdata: b\n\n", events: [message("a"), message("b")] },
  { rule: "a CR ending the input still ends the line", input: "data: a\n\r", events: [message("a")] },
  // UTF-8 always, decoded as a stream (§9.2.5).
  { rule: "multi-byte characters survive any split", input: "data: €豆腐😀\n\n", events: [message("€豆腐😀")] },
  { rule: "invalid UTF-8 becomes U+FFFD", input: bytes("data: ", [0xff, 0xc3, 0x28], "\n\n"), events: [message("\uFFFD\uFFFD(")] },
  { rule: "a truncated character before a line end becomes U+FFFD", input: bytes("data: ", [0xe2, 0x82], "\n\n"), events: [message("\uFFFD")] },
  // One leading BOM is stripped, and only at the start of the stream (§9.2.5).
  { rule: "a leading BOM is stripped", input: bytes(BOM, "data: a\n\n"), events: [message("a")] },
  { rule: "only one leading BOM is stripped", input: bytes(BOM, BOM, "data: a\n\ndata: b\n\n"), events: [message("b")] },
  { rule: "a BOM after the start is part of the line", input: bytes("data: a\n\n", BOM, "data: b\n\n"), events: [message("a")] },
  // Fields: split at the first colon, drop one leading space (§9.2.6).
  { rule: "the value runs from the first colon", input: "data: a: b:c\n\n", events: [message("a: b:c")] },
  { rule: "no space after the colon", input: "data:a\n\n", events: [message("a")] },
  { rule: "only one leading space is dropped", input: "data:  a\n\n", events: [message(" a")] },
  { rule: "a tab is not a space", input: "data:\ta\n\n", events: [message("\ta")] },
  { rule: "trailing spaces are kept", input: "data: a  \n\n", events: [message("a  ")] },
  { rule: "a line without colon is a field with an empty value", input: "data\n\n", events: [message("")] },
  { rule: "data lines join with LF; only the final LF is dropped", input: "data\ndata\n\n", events: [message("\n")] },
  { rule: "several data lines", input: "data: a\ndata: b\ndata:\n\n", events: [message("a\nb\n")] },
  { rule: "an empty data field dispatches an empty event", input: "data:\n\n", events: [message("")] },
  { rule: "comments are ignored and offered to onComment", input: ": hi\n:\n:no space\ndata: a\n\n", events: [message("a")], comments: ["hi", "", "no space"] },
  { rule: "a comment alone dispatches nothing", input: ": heartbeat\n\n", events: [], comments: ["heartbeat"] },
  { rule: "unknown fields are ignored", input: "color: blue\ndata: a\nfoo\n\n", events: [message("a")] },
  { rule: "field names are case-sensitive", input: "Data: a\nDATA: b\nEvent: x\nID: 1\n\n", events: [], lastEventId: undefined },
  { rule: "a space before the colon makes another field", input: "data : a\nid : 1\n\n", events: [] },
  { rule: "a field name is only what precedes the colon", input: "dat: a\ndataa: b\nevents: c\ndata: d\n\n", events: [message("d")] },
  // Dispatch (§9.2.6).
  { rule: "a blank line with no data dispatches nothing", input: "\n\n\r\n\r", events: [] },
  { rule: "event names the type", input: "event: add\ndata: 1\n\n", events: [message("1", undefined, "add")] },
  { rule: "fields in any order", input: "data: a\nid: 9\nevent: add\n\n", events: [message("a", "9", "add")] },
  { rule: "an empty event type means message", input: "event:\ndata: a\n\n", events: [message("a")] },
  { rule: "the event type resets after dispatch", input: "event: add\ndata: a\n\ndata: b\n\n", events: [message("a", undefined, "add"), message("b")] },
  { rule: "the event type resets at a blank line without data", input: "event: add\n\ndata: b\n\n", events: [message("b")] },
  { rule: "the last event field wins", input: "event: a\nevent: b\ndata: x\n\n", events: [message("x", undefined, "b")] },
  { rule: "an incomplete event at the end is discarded", input: "data: a\n\ndata: b\n", events: [message("a")] },
  { rule: "an incomplete line at the end is discarded", input: "data: a\n\ndata: b", events: [message("a")] },
  // The last event id (§9.2.6, §9.2.4).
  { rule: "the id applies to its event", input: "id: 1\ndata: a\n\n", events: [message("a", "1")], lastEventId: "1" },
  { rule: "the id stays in force for later events", input: "id: 1\ndata: a\n\ndata: b\n\n", events: [message("a", "1"), message("b", "1")], lastEventId: "1" },
  { rule: "an id-only block updates the last event id", input: "id: 7\n\ndata: a\n\n", events: [message("a", "7")], lastEventId: "7" },
  { rule: "an id-only block at the end still counts", input: "data: a\n\nid: 8\n\n", events: [message("a")], lastEventId: "8" },
  { rule: "an id without its blank line does not count", input: "id: 1\ndata: a\n\nid: 2\n", events: [message("a", "1")], lastEventId: "1" },
  { rule: "an id containing NUL is ignored", input: "id: 1\n\nid: a\0b\ndata: x\n\n", events: [message("x", "1")], lastEventId: "1" },
  {
    rule: "an empty id clears the last event id",
    input: "id: 1\ndata: a\n\nid\ndata: b\n\n",
    events: [message("a", "1"), message("b")],
    lastEventId: undefined,
  },
  { rule: "id: with no value clears it too", input: "id: 1\n\nid:\ndata: b\n\n", events: [message("b")], lastEventId: undefined },
  { rule: "the last id field of a block wins", input: "id: 1\nid: 2\ndata: a\n\n", events: [message("a", "2")], lastEventId: "2" },
  { rule: "ids keep non-ASCII characters and inner spaces", input: "id:  日本 語\ndata: a\n\n", events: [message("a", " 日本 語")], lastEventId: " 日本 語" },
  {
    rule: "a resumed stream starts from the given id",
    input: "data: a\n\nid: 5\ndata: b\n\n",
    events: [message("a", "4"), message("b", "5")],
    lastEventId: "5",
    options: { lastEventId: "4" },
  },
  // retry: ASCII digits only (§9.2.6).
  { rule: "retry sets the reconnection time", input: "retry: 1500\nretry:0\n\n", events: [], retries: [1500, 0] },
  {
    rule: "retry values that are not all digits are ignored",
    input: "retry: 1000x\nretry: -5\nretry: 1.5\nretry:\nretry: \nretry:  10\nretry: 1 0\nretry: ١٢\n\n",
    events: [],
  },
  { rule: "retry dispatches nothing and leaves data alone", input: "data: a\nretry: 10\n\n", events: [message("a")], retries: [10] },
  // Bounded memory.
  {
    rule: "a line longer than maxEventSize is an error",
    input: `data: a\n\ndata: ${"x".repeat(20)}\n\ndata: c\n\n`,
    events: [message("a")],
    error: "SseEventTooLargeError",
    options: { maxEventSize: 16 },
  },
  {
    rule: "a line that never ends is an error",
    input: `data: a\n\n: ${"x".repeat(40)}`,
    events: [message("a")],
    error: "SseEventTooLargeError",
    options: { maxEventSize: 16 },
  },
  {
    rule: "data beyond maxEventSize across lines is an error",
    input: "data: 12345678\ndata: 12345678\n\n",
    events: [],
    error: "SseEventTooLargeError",
    options: { maxEventSize: 16 },
  },
  { rule: "a line of exactly maxEventSize is fine", input: "data: 1234567890\n\n", events: [message("1234567890")], options: { maxEventSize: 16 } },
];

function expected(vector: Vector): ParseResult {
  const last = vector.events.at(-1);
  return {
    events: vector.events,
    retries: vector.retries ?? [],
    comments: vector.comments ?? [],
    lastEventId: "lastEventId" in vector ? vector.lastEventId : (last?.id ?? vector.options?.lastEventId),
    error: vector.error,
  };
}

describe("event stream parsing vectors", () => {
  it.each(vectors)("$rule", (vector) => {
    const input = typeof vector.input === "string" ? utf8(vector.input) : vector.input;
    const want = expected(vector);
    expect(parseChunks([input], vector.options)).toEqual(want);
    for (let cut = 1; cut < input.length; cut++) {
      expect(parseChunks(cutAt(input, [cut]), vector.options), `split at byte ${cut}`).toEqual(want);
    }
    const everyByte = Array.from({ length: input.length - 1 }, (_, index) => index + 1);
    expect(parseChunks(cutAt(input, everyByte), vector.options), "one byte at a time").toEqual(want);
  });

  it("takes decoded text too, stripping one leading U+FEFF per stream", () => {
    const text = "\uFEFFdata: a\n\n\uFEFFdata: b\n\n";
    const want = parseChunks([text]);
    expect(want.events).toEqual([message("a")]);
    for (let cut = 0; cut <= text.length; cut++) {
      expect(parseChunks([text.slice(0, cut), text.slice(cut)]), `split at ${cut}`).toEqual(want);
    }
  });
});

describe.each(entries)("event stream parsing vectors through $name", (entry) => {
  it.each(vectors)("$rule", async (vector) => {
    const input = typeof vector.input === "string" ? utf8(vector.input) : vector.input;
    const { events, error, lastEventId } = expected(vector);
    // After an error there is no reconnect to send the last event id; and a
    // header value loses the spaces at either end (Fetch "normalize").
    const want = { events, error, lastEventId: error === undefined ? lastEventId?.trim() : undefined };
    expect(await throughEntry(entry, [input], vector.options)).toEqual(want);
    const everyByte = Array.from({ length: input.length - 1 }, (_, index) => index + 1);
    expect(await throughEntry(entry, cutAt(input, everyByte), vector.options), "one byte at a time").toEqual(want);
  });
});
