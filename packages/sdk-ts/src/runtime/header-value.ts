import { ExpysArgumentError } from "./errors.ts";

/**
 * Throws unless `value` can travel as an HTTP header value (RFC 9110 §5.5:
 * visible ASCII, spaces, tabs and Latin-1 bytes). A line break would let a
 * value inject headers, and fetch refuses a character above U+00FF with an
 * error that would look like a network failure. The message names the header
 * and the character, never the value, which may be a credential.
 */
export function checkHeaderValue(name: string, value: string): void {
  const at = value.search(/[^\t\x20-\x7e\x80-\xff]/);
  if (at >= 0) {
    const code = value.codePointAt(at)!.toString(16).toUpperCase().padStart(4, "0");
    throw new ExpysArgumentError(`the ${name} header cannot carry U+${code}`);
  }
}
