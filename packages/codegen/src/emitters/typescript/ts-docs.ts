/** A TSDoc block for `lines` at `indent`, or nothing when there is nothing to say. */
export function docComment(indent: string, ...paragraphs: readonly (string | undefined)[]): string {
  const text = paragraphs
    .filter((paragraph): paragraph is string => Boolean(paragraph?.trim()))
    .map((paragraph) => paragraph.trim())
    .join("\n\n")
    // A "*/" inside the text would end the comment early.
    .replaceAll("*/", "*\\/");
  if (!text) return "";
  const lines = text.split(/\r?\n/);
  if (lines.length === 1) return `${indent}/** ${lines[0]} */\n`;
  return `${indent}/**\n${lines.map((line) => (line ? `${indent} * ${line}` : `${indent} *`)).join("\n")}\n${indent} */\n`;
}
