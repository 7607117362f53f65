import { describe, expect, it } from "vitest";
import { parseRetryAfter } from "../src/index.ts";

const now = Date.UTC(1994, 10, 6, 8, 49, 0);

describe("parseRetryAfter", () => {
  it("reads delta-seconds as milliseconds", () => {
    expect(parseRetryAfter("0")).toBe(0);
    expect(parseRetryAfter("3")).toBe(3000);
    expect(parseRetryAfter(" 45 ")).toBe(45_000);
  });

  it("reads the three HTTP-date forms, measured from now", () => {
    expect(parseRetryAfter("Sun, 06 Nov 1994 08:49:37 GMT", { now })).toBe(37_000);
    expect(parseRetryAfter("Sunday, 06-Nov-94 08:49:37 GMT", { now })).toBe(37_000);
    expect(parseRetryAfter("Sun Nov  6 08:49:37 1994", { now })).toBe(37_000);
  });

  it("gives 0 for a date in the past", () => {
    expect(parseRetryAfter("Sun, 06 Nov 1994 08:48:00 GMT", { now })).toBe(0);
  });

  it("clamps to capMs, one minute by default", () => {
    expect(parseRetryAfter("86400")).toBe(60_000);
    expect(parseRetryAfter("86400", { capMs: 5000 })).toBe(5000);
    expect(parseRetryAfter("Mon, 07 Nov 1994 08:49:00 GMT", { now, capMs: 120_000 })).toBe(120_000);
  });

  it("returns undefined for a missing or malformed value", () => {
    for (const value of [null, undefined, "", "soon", "-5", "1.5", "1e3", "+3", "3 s", "Sun, 06 Nov 1994", "2024-01-01T00:00:00Z"]) {
      expect(parseRetryAfter(value, { now }), String(value)).toBeUndefined();
    }
  });
});
