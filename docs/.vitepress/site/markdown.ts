// Turning the spec's prose into markdown that VitePress (and Vue, which
// compiles every page as a template) reads as text, not markup.

/** Spec prose for a page: escapes what Vue or HTML would read as markup, outside code spans. */
export function prose(text: string | undefined): string {
  if (!text) return "";
  return text
    .split(/(`[^`]*`)/)
    .map((part) => (part.startsWith("`") ? part : part.replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\{\{/g, "&#123;&#123;")))
    .join("");
}

/** Prose for one table cell: one line, pipes escaped. */
export function cell(text: string | undefined): string {
  return prose(text)
    .replace(/\s*\n\s*/g, " ")
    .replace(/\|/g, "\\|");
}

/** The first sentence of a doc string, for overview tables. */
export function summary(doc: string | undefined): string {
  const text = (doc ?? "").replace(/\s*\n\s*/g, " ");
  const end = text.search(/\.(\s|$)/);
  return cell(end === -1 ? text : text.slice(0, end + 1));
}

/** Text for an HTML attribute or element. */
export function html(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/\{\{/g, "&#123;&#123;");
}

/** A fenced code block whose fence cannot be closed by its own text. */
export function fence(lang: string, code: string): string {
  const longest = Math.max(2, ...[...code.matchAll(/`+/g)].map((match) => match[0].length));
  const marker = "`".repeat(longest + 1);
  return `${marker}${lang}\n${code}\n${marker}`;
}

export const yesNo = (value: boolean | undefined): string => (value ? "yes" : "no");
