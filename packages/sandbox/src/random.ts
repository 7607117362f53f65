/** A small deterministic pseudo-random generator: the same seed gives the same sequence. */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** One of `items`, which must not be empty. */
  pick<T>(items: readonly T[]): T;
  /** `prefix` followed by 20 random base-32 characters, such as `msg_0c9x...`. */
  id(prefix: string): string;
}

const idAlphabet = "0123456789abcdefghjkmnpqrstvwxyz";

/** Hashes the seed to a 32-bit state (the xmur3 mixing steps). */
function hashSeed(seed: string): number {
  let hash = 1779033703 ^ seed.length;
  for (let index = 0; index < seed.length; index += 1) {
    hash = Math.imul(hash ^ seed.charCodeAt(index), 3432918353);
    hash = (hash << 13) | (hash >>> 19);
  }
  hash = Math.imul(hash ^ (hash >>> 16), 2246822507);
  hash = Math.imul(hash ^ (hash >>> 13), 3266489909);
  return (hash ^ (hash >>> 16)) >>> 0;
}

/**
 * A mulberry32 generator seeded from `seed`. Not for secrets: tokens and keys
 * use node:crypto. This only makes ids, demo data, agent replies and fault
 * probabilities repeatable when a test passes a seed.
 */
export function createRandom(seed: string): Random {
  let state = hashSeed(seed);
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    pick<T>(items: readonly T[]): T {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new RangeError("cannot pick from an empty list");
      return item;
    },
    id(prefix: string): string {
      let id = prefix;
      for (let index = 0; index < 20; index += 1) id += idAlphabet[Math.floor(next() * 32)];
      return id;
    },
  };
}
