import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fullJitterBackoff, fullJitterDelay } from "../src/index.ts";

describe("fullJitterBackoff", () => {
  it("draws from [0, min(cap, base * 2^attempt)) with the defaults base 500 ms, cap 10 s", () => {
    const top = (attempt: number): number => fullJitterBackoff(attempt, { random: () => 0.999999 });
    expect([0, 1, 2, 3, 4, 5, 6, 30].map(top)).toEqual([499, 999, 1999, 3999, 7999, 9999, 9999, 9999]);
    expect(fullJitterBackoff(3, { random: () => 0 })).toBe(0);
    expect(fullJitterBackoff(2, { random: () => 0.5 })).toBe(1000);
  });

  it("uses baseMs and capMs", () => {
    expect(fullJitterBackoff(0, { baseMs: 100, capMs: 250, random: () => 0.5 })).toBe(50);
    expect(fullJitterBackoff(1, { baseMs: 100, capMs: 250, random: () => 0.5 })).toBe(100);
    expect(fullJitterBackoff(5, { baseMs: 100, capMs: 250, random: () => 0.5 })).toBe(125);
  });

  it("stays inside the window for any attempt and any random draw", () => {
    fc.assert(
      fc.property(fc.nat({ max: 5000 }), fc.nat({ max: 10_000 }), fc.nat({ max: 60_000 }), fc.double({ noNaN: false }), (attempt, baseMs, capMs, draw) => {
        const delay = fullJitterBackoff(attempt, { baseMs, capMs, random: () => draw });
        expect(Number.isInteger(delay)).toBe(true);
        expect(delay).toBeGreaterThanOrEqual(0);
        const ceiling = baseMs === 0 ? 0 : Math.min(capMs, baseMs * 2 ** attempt);
        expect(delay).toBeLessThanOrEqual(ceiling);
        if (ceiling > 0 && draw >= 0 && draw < 1) expect(delay).toBeLessThan(ceiling);
      }),
    );
  });

  it("is random by default", () => {
    const delays = new Set(Array.from({ length: 50 }, () => fullJitterBackoff(4)));
    expect(delays.size).toBeGreaterThan(1);
    for (const delay of delays) expect(delay).toBeLessThan(8000);
  });

  it("rejects nonsense with a RangeError that names the option", () => {
    expect(() => fullJitterBackoff(-1)).toThrow(/attempt/);
    expect(() => fullJitterBackoff(1.5)).toThrow(RangeError);
    expect(() => fullJitterBackoff(0, { baseMs: -1 })).toThrow(/baseMs/);
    expect(() => fullJitterBackoff(0, { capMs: Number.POSITIVE_INFINITY })).toThrow(/capMs/);
    expect(() => fullJitterBackoff(0, { baseMs: Number.NaN })).toThrow(RangeError);
  });
});

describe("fullJitterDelay", () => {
  it("draws what fullJitterBackoff draws, from the same random source", () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 64 }),
        fc.nat({ max: 10_000 }),
        fc.nat({ max: 60_000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true }),
        (attempt, baseMs, capMs, draw) => {
          const options = { baseMs, capMs, random: () => draw };
          expect(fullJitterDelay(attempt, options)).toBe(fullJitterBackoff(attempt, options));
        },
      ),
    );
    expect(fullJitterDelay(2, { random: () => 0.5 })).toBe(1000);
  });

  it("leaves its arguments unchecked, for callers that checked them once", () => {
    expect(() => fullJitterDelay(-1, { random: () => 0.5 })).not.toThrow();
    expect(fullJitterDelay(0, { baseMs: Number.NaN, random: () => 0.5 })).toBeNaN();
  });
});
