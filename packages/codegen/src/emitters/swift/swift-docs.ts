/** A DocC comment (`///` lines) for the paragraphs at `indent`, or nothing when there is nothing to say. */
export function docComment(indent: string, ...paragraphs: readonly (string | undefined)[]): string {
  const text = paragraphs
    .filter((paragraph): paragraph is string => Boolean(paragraph?.trim()))
    .map((paragraph) => paragraph.trim())
    .join("\n\n");
  if (!text) return "";
  return `${text
    .split(/\r?\n/)
    .map((line) => `${indent}///${line ? ` ${line}` : ""}`)
    .join("\n")}\n`;
}

/** DocC's parameter list, each item's text indented under its name. */
export function parameterDocs(entries: readonly (readonly [name: string, doc: string | undefined])[]): string | undefined {
  if (entries.length === 0) return undefined;
  const items = entries.map(([name, doc]) => {
    const [first = "", ...rest] = (doc?.trim() || name).split(/\r?\n/);
    return [`  - ${name}: ${first}`, ...rest.map((line) => (line ? `    ${line}` : ""))].join("\n");
  });
  return `- Parameters:\n${items.join("\n")}`;
}
