import type { Name } from "./api-model.ts";

/**
 * Splits an identifier from the document into words, keeping each word's
 * spelling: separators (anything not a letter or digit) split, and so do case
 * changes, with a run of capitals kept together as an acronym
 * (`externalUserID` -> external, User, ID; `HTMLParser` -> HTML, Parser).
 */
export function splitWords(text: string): Name {
  const known = splitCache.get(text);
  if (known) return known;
  const words = split(text);
  // Names recur across a document (`id`, `url`, `created_at`...): each is split once.
  if (splitCache.size < 50_000) splitCache.set(text, words);
  return words;
}

const splitCache = new Map<string, Name>();

function split(text: string): Name {
  const words: string[] = [];
  for (const chunk of text.split(/[^\p{L}\p{N}]+/u)) {
    if (!chunk) continue;
    // An acronym before a capitalised word, a word with trailing digits, capitals, leading digits, caseless letters.
    const matches = chunk.match(/\p{Lu}+(?=\p{Lu}\p{Ll})|\p{Lu}?\p{Ll}+\p{N}*|\p{Lu}+\p{N}*|\p{N}+\p{Ll}*|\p{L}+\p{N}*/gu);
    words.push(...(matches ?? [chunk]));
  }
  return words;
}
