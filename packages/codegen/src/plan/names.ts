import type { Name } from "./sdk-plan.ts";

/**
 * The key two names clash on in some language: their letters and digits,
 * case-folded. `fooBar`, `FooBar`, `foo_bar` and `FOO-BAR` all print the same
 * in at least one casing convention, so the plan never hands out two of them.
 */
function keyOf(name: Name): string {
  return name
    .join("")
    .replace(/[^\p{L}\p{N}]/gu, "")
    .toLowerCase();
}

/**
 * Hands out names unique within one scope, whatever casing an emitter applies:
 * a name already taken gets the next free number as a last word
 * (`Message`, `Message2`, ...).
 */
export class NameScope {
  readonly #taken = new Set<string>();

  constructor(taken: Iterable<Name> = []) {
    for (const name of taken) this.#taken.add(keyOf(name));
  }

  /** Takes `preferred`, or its first free numbered variant, and returns it. */
  take(preferred: Name, fallback: Name = ["value"]): Name {
    const base = keyOf(preferred) ? preferred : fallback;
    let candidate = base;
    for (let suffix = 2; this.#taken.has(keyOf(candidate)); suffix += 1) candidate = [...base, String(suffix)];
    this.#taken.add(keyOf(candidate));
    return candidate;
  }
}
