// A method signature as emitted is one line; at more than 80 characters it is
// shown with one parameter per line, which reads the same in TypeScript,
// Kotlin and Swift (`name(a: A, b: B): R`, `fun name(...)`, `func name(...)`).

const opening = "([{<";
const closing = ")]}>";

/** Splits `text` at the commas that are not nested in brackets. */
function topLevelCommas(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index]!;
    if (opening.includes(char)) depth += 1;
    else if (closing.includes(char) && text[index - 1] !== "-" && text[index - 1] !== "=")
      depth -= 1; // `->` and `=>` are not brackets
    else if (char === "," && depth === 0) {
      parts.push(text.slice(start, index).trim());
      start = index + 1;
    }
  }
  parts.push(text.slice(start).trim());
  return parts.filter(Boolean);
}

/** The signature, with its parameters one per line when the line is too long. */
export function wrapSignature(signature: string, width = 80): string {
  if (signature.includes("\n") || signature.length <= width) return signature;
  const open = signature.indexOf("(");
  if (open === -1) return signature;
  let depth = 0;
  let close = -1;
  for (let index = open; index < signature.length && close === -1; index += 1) {
    const char = signature[index]!;
    if (char === "(") depth += 1;
    else if (char === ")") {
      depth -= 1;
      if (depth === 0) close = index;
    }
  }
  if (close === -1) return signature;
  const parameters = topLevelCommas(signature.slice(open + 1, close));
  if (parameters.length === 0) return signature;
  return `${signature.slice(0, open + 1)}\n${parameters.map((parameter) => `  ${parameter}`).join(",\n")}\n${signature.slice(close)}`;
}
