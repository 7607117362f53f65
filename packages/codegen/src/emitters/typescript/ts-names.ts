import type { Name } from "../../plan/sdk-plan.ts";
import type { Naming } from "../emitter.ts";

/** JavaScript's reserved words, and the names generated code uses for its own variables. */
export const reservedWords: ReadonlySet<string> = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends false finally for " +
    "function if import in instanceof new null return super switch this throw true try typeof var void while with " +
    "as implements interface let package private protected public static yield await async of type undefined " +
    "params requestOptions client options"
  ).split(" "),
);

/** Globals and runtime exports a generated type must not shadow. */
const reservedTypeNames: ReadonlySet<string> = new Set([
  "Array",
  "ArrayBuffer",
  "AsyncIterable",
  "Blob",
  "Boolean",
  "Date",
  "Error",
  "File",
  "FormData",
  "Headers",
  "Map",
  "Number",
  "Object",
  "Promise",
  "Record",
  "Request",
  "Response",
  "Set",
  "String",
  "Symbol",
  "Uint8Array",
  "URL",
  "ApiPromise",
  "ClientOptions",
  "Environment",
  "PagePromise",
  "RequestOptions",
  "ServerSentEvent",
  "TokenSource",
]);

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

/**
 * How TypeScript spells the plan's names. A trailing `_` escapes a reserved
 * word: the plan's names are letters and digits only, so the escaped name
 * can never clash with another of them.
 */
export const naming: Naming = {
  type(name) {
    const candidate = pascalCase(name) || "Type";
    const safe = /^\p{N}/u.test(candidate) ? `_${candidate}` : candidate;
    return reservedTypeNames.has(safe) ? `${safe}_` : safe;
  },
  value(name) {
    const candidate = camelCase(name) || "value";
    const safe = /^\p{N}/u.test(candidate) ? `_${candidate}` : candidate;
    return reservedWords.has(safe) ? `${safe}_` : safe;
  },
};

/** Hands out unique keys within one object type, suffixing a number on a clash. */
export class KeyAllocator {
  readonly #used = new Set<string>();

  allocate(preferred: string): string {
    let candidate = preferred;
    for (let suffix = 2; this.#used.has(candidate); suffix += 1) candidate = `${preferred}${suffix}`;
    this.#used.add(candidate);
    return candidate;
  }
}
