import type { Name } from "../../model/api-model.ts";

const reservedWords = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends false finally for " +
    "function if import in instanceof new null return super switch this throw true try typeof var void while with " +
    "as implements interface let package private protected public static yield await async of type undefined"
  ).split(" "),
);

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** `lowerCamel` from words, keeping acronyms as spelled (`externalUserID`). */
export function camelCase(name: Name): string {
  const [first = "", ...rest] = name;
  const head = /^\p{Lu}+$/u.test(first) && first.length > 1 ? first.toLowerCase() : first.charAt(0).toLowerCase() + first.slice(1);
  return head + rest.map(capitalise).join("");
}

/** `UpperCamel` from words. */
export function pascalCase(name: Name): string {
  return name.map(capitalise).join("");
}

const identifierPattern = /^[\p{L}_$][\p{L}\p{N}_$]*$/u;

/** Whether `text` can be written bare as a property name or identifier. */
export function isIdentifier(text: string): boolean {
  return identifierPattern.test(text);
}

/** A property key as written in a type or object literal: bare when possible, quoted otherwise. */
export function propertyKey(wireName: string): string {
  return isIdentifier(wireName) ? wireName : JSON.stringify(wireName);
}

/** A valid variable or parameter name for `name`, avoiding reserved words. */
export function variableName(name: Name, fallback: string): string {
  let candidate = camelCase(name);
  if (!candidate) candidate = fallback;
  if (/^\p{N}/u.test(candidate)) candidate = `_${candidate}`;
  if (!isIdentifier(candidate)) candidate = candidate.replace(/[^\p{L}\p{N}_$]/gu, "_");
  return reservedWords.has(candidate) ? `${candidate}_` : candidate;
}

/**
 * Hands out unique names within one scope, suffixing a number on a clash, and
 * never handing out a name in `taken` (globals the generated code relies on).
 */
export class NameAllocator {
  readonly #used: Set<string>;

  constructor(taken: Iterable<string> = []) {
    this.#used = new Set(taken);
  }

  allocate(preferred: string): string {
    let candidate = preferred;
    for (let suffix = 2; this.#used.has(candidate); suffix += 1) candidate = `${preferred}${suffix}`;
    this.#used.add(candidate);
    return candidate;
  }
}
