/**
 * The language-neutral vectors of conformance/sse-parser-vectors.json, one or
 * more per rule of HTML §9.2.5 "Parsing an event stream" and §9.2.6
 * "Interpreting an event stream", each fed whole, split in two at every byte
 * boundary, and one byte at a time: chunking must never change the result.
 * The same vectors then go through streamEvents and fetchEventStream as a
 * response body, whole and one byte at a time.
 */
import { describe, expect, it } from "vitest";
import { entries, throughEntry } from "./support/entries.ts";
import { cutAt, parseChunks } from "./support/parse-all.ts";
import { loadParserVectors } from "./support/parser-vectors.ts";

const vectors = loadParserVectors();
const everyByte = (bytes: Uint8Array): number[] => Array.from({ length: bytes.length - 1 }, (_, index) => index + 1);

describe("event stream parsing vectors", () => {
  it("are read from the shared file, with every field the format has", () => {
    expect(vectors.length).toBeGreaterThanOrEqual(60);
    expect(vectors.some((vector) => vector.expected.error !== undefined)).toBe(true);
    expect(vectors.some((vector) => vector.expected.retries.length > 0 && vector.expected.comments.length === 0)).toBe(true);
    expect(vectors.some((vector) => vector.expected.comments.length > 0)).toBe(true);
    expect(vectors.some((vector) => vector.options.lastEventId !== undefined)).toBe(true);
    expect(new Set(vectors.map((vector) => vector.rule)).size).toBe(vectors.length);
  });

  it.each(vectors)("$rule", ({ bytes, options, expected }) => {
    expect(parseChunks([bytes], options)).toEqual(expected);
    for (let cut = 1; cut < bytes.length; cut++) {
      expect(parseChunks(cutAt(bytes, [cut]), options), `split at byte ${cut}`).toEqual(expected);
    }
    expect(parseChunks(cutAt(bytes, everyByte(bytes)), options), "one byte at a time").toEqual(expected);
  });

  it("takes decoded text too, stripping one leading U+FEFF per stream", () => {
    const text = "\uFEFFdata: a\n\n\uFEFFdata: b\n\n";
    const want = parseChunks([text]);
    expect(want.events).toEqual([{ event: "message", data: "a", id: undefined }]);
    for (let cut = 0; cut <= text.length; cut++) {
      expect(parseChunks([text.slice(0, cut), text.slice(cut)]), `split at ${cut}`).toEqual(want);
    }
  });
});

describe.each(entries)("event stream parsing vectors through $name", (entry) => {
  it.each(vectors)("$rule", async ({ bytes, options, expected: { events, error, lastEventId } }) => {
    // After an error there is no reconnect to send the last event id; and a
    // header value loses the spaces at either end (Fetch "normalize").
    const want = { events, error, lastEventId: error === undefined ? lastEventId?.trim() : undefined };
    expect(await throughEntry(entry, [bytes], options)).toEqual(want);
    expect(await throughEntry(entry, cutAt(bytes, everyByte(bytes)), options), "one byte at a time").toEqual(want);
  });
});
