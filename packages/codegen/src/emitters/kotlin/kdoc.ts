/**
 * A KDoc block of `paragraphs` at `indent`, or nothing when there is nothing to say.
 * `tags` (`@param x ...`) follow the text.
 */
export function kdoc(indent: string, paragraphs: readonly (string | undefined)[], tags: readonly string[] = []): string {
  const text = [...paragraphs.filter((paragraph): paragraph is string => Boolean(paragraph?.trim())).map((paragraph) => paragraph.trim())]
    .join("\n\n")
    // "*/" would end the comment early, and KDoc reads "/*" as a nested comment.
    .replaceAll("*/", "*&#47;")
    .replaceAll("/*", "&#47;*");
  const lines = [
    ...(text ? text.split(/\r?\n/) : []),
    ...(text && tags.length ? [""] : []),
    ...tags.flatMap((tag) => tag.replaceAll("*/", "*&#47;").split(/\r?\n/)),
  ];
  if (lines.length === 0) return "";
  if (lines.length === 1) return `${indent}/** ${lines[0]} */\n`;
  return `${indent}/**\n${lines.map((line) => (line ? `${indent} * ${line}` : `${indent} *`)).join("\n")}\n${indent} */\n`;
}
