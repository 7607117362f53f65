import type { Name } from "./api-model.ts";

/**
 * Splits an identifier from the document into words, keeping each word's
 * spelling: separators (anything not a letter or digit) split, and so do case
 * changes, with a run of capitals kept together as an acronym
 * (`externalUserID` -> external, User, ID; `HTMLParser` -> HTML, Parser).
 */
export function splitWords(text: string): Name {
  const words: string[] = [];
  for (const chunk of text.split(/[^\p{L}\p{N}]+/u)) {
    if (!chunk) continue;
    // An acronym before a capitalised word, a word with trailing digits, capitals, leading digits, caseless letters.
    const matches = chunk.match(/\p{Lu}+(?=\p{Lu}\p{Ll})|\p{Lu}?\p{Ll}+\p{N}*|\p{Lu}+\p{N}*|\p{N}+\p{Ll}*|\p{L}+\p{N}*/gu);
    words.push(...(matches ?? [chunk]));
  }
  return words;
}
