import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { EventStreamParser, SseEventTooLargeError } from "../src/index.ts";
import { entries, throughEntry } from "./support/entries.ts";
import { cutAt, parseChunks, utf8 } from "./support/parse-all.ts";
import { referenceParse } from "./support/reference-parser.ts";

/** Field values, including the characters the rules single out. */
const value = fc.oneof(
  fc.constantFrom("", " ", "a", "\0", "x\0y", "\uFEFF", "é", "日本", "😀", "\t", "-5", "1.5", "10x", " 7"),
  fc.integer({ min: 0, max: 99_999 }).map(String),
  fc.string({ maxLength: 6 }),
  fc.string({ unit: "grapheme", maxLength: 3 }),
);
/** One line of a stream, usually well formed, sometimes not. */
const line = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .tuple(fc.constantFrom("data", "data", "data", "event", "id", "id", "retry", "Data", "dat", "foo", "data "), fc.constantFrom(":", ": ", ":  ", ""), value)
      .map((parts) => parts.join("")),
  },
  { weight: 3, arbitrary: fc.constant("") },
  { weight: 1, arbitrary: value.map((text) => `:${text}`) },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
);
const stream = fc
  .tuple(
    fc.constantFrom("", "", "\uFEFF", "\uFEFF\uFEFF"),
    fc.array(fc.tuple(line, fc.constantFrom("\n", "\n", "\r", "\r\n")), { maxLength: 40, size: "max" }),
    fc.constantFrom("", "data: unfinished", "id: 9", "\r"),
  )
  .map(([bom, lines, tail]) => utf8(bom + lines.map(([text, end]) => text + end).join("") + tail));

/** Cut offsets for a byte array: any subset of its inner boundaries. */
const chunked = stream.chain((bytes) =>
  fc
    .uniqueArray(fc.integer({ min: 1, max: Math.max(1, bytes.length - 1) }), { maxLength: 20 })
    .map((offsets) => ({ bytes, offsets: offsets.filter((offset) => offset < bytes.length).sort((a, b) => a - b) })),
);

describe("parser properties", () => {
  it("agrees with a literal transcription of the spec on any stream", () => {
    fc.assert(
      fc.property(stream, fc.option(fc.constantFrom("7", "日本"), { nil: undefined }), (bytes, lastEventId) => {
        const options = lastEventId === undefined ? {} : { lastEventId };
        expect(parseChunks([bytes], options)).toEqual(referenceParse(bytes, lastEventId));
      }),
      { numRuns: 1000 },
    );
  });

  it.each(entries)("agrees with the spec through $name, as a response body in any chunks", async (entry) => {
    await fc.assert(
      fc.asyncProperty(chunked, async ({ bytes, offsets }) => {
        const { events, lastEventId } = referenceParse(bytes);
        // A retry field can make the reconnect after the body wait minutes.
        vi.useFakeTimers();
        try {
          const result = throughEntry(entry, cutAt(bytes, offsets));
          await vi.runAllTimersAsync();
          // The reconnect sends the last event id, less what a header value
          // loses at either end: spaces and tabs (RFC 9110 §5.5), not the
          // other Unicode spaces String#trim would take (U+2000 stays).
          expect(await result).toEqual({ events, error: undefined, lastEventId: lastEventId?.replace(/^[ \t]+|[ \t]+$/g, "") });
        } finally {
          vi.useRealTimers();
        }
      }),
      { numRuns: 200 },
    );
  });

  it("yields the same events however the bytes are chunked", () => {
    fc.assert(
      fc.property(chunked, ({ bytes, offsets }) => {
        expect(parseChunks(cutAt(bytes, offsets))).toEqual(parseChunks([bytes]));
      }),
      { numRuns: 1000 },
    );
  });

  it("yields the same result, errors included, under any chunking with a small maxEventSize", () => {
    fc.assert(
      fc.property(chunked, fc.integer({ min: 1, max: 24 }), ({ bytes, offsets }, maxEventSize) => {
        expect(parseChunks(cutAt(bytes, offsets), { maxEventSize })).toEqual(parseChunks([bytes], { maxEventSize }));
      }),
      { numRuns: 1000 },
    );
  });

  it("never throws anything but SseEventTooLargeError on random bytes, and always finishes", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 2048 }),
        fc.uniqueArray(fc.integer({ min: 1, max: 2047 }), { maxLength: 30 }),
        fc.integer({ min: 1, max: 512 }),
        (bytes, offsets, maxEventSize) => {
          const parser = new EventStreamParser({ onEvent: () => {}, onRetry: () => {}, maxEventSize });
          const cuts = offsets.filter((offset) => offset < bytes.length).sort((a, b) => a - b);
          try {
            for (const chunk of cutAt(bytes, cuts)) parser.feed(chunk);
          } catch (error) {
            expect(error).toBeInstanceOf(SseEventTooLargeError);
            expect(() => parser.feed(new Uint8Array([10]))).toThrow(SseEventTooLargeError);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("parses a line far longer than any chunk in linear time and bounded memory", () => {
    // A 4 MiB line arriving 1 KiB at a time, under an 8 MiB limit, then the same
    // line under a 1 MiB limit: the second must fail as soon as the line outgrows it.
    const piece = utf8("x".repeat(1024));
    const events: string[] = [];
    const roomy = new EventStreamParser({ onEvent: (event) => events.push(event.data), maxEventSize: 8 * 1024 * 1024 });
    roomy.feed("data: ");
    for (let index = 0; index < 4096; index++) roomy.feed(piece);
    roomy.feed("\n\n");
    expect(events).toEqual(["x".repeat(4 * 1024 * 1024)]);

    const tight = new EventStreamParser({ onEvent: () => {}, maxEventSize: 1024 * 1024 });
    let fed = 0;
    expect(() => {
      for (; fed < 4096; fed++) tight.feed(piece);
    }).toThrow(SseEventTooLargeError);
    expect(fed).toBe(1024);
  });
});
