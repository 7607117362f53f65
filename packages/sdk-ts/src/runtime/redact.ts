/** A function that blanks every secret it knows out of a text. */
export type Redact = (text: string) => string;

/** A secret counts only where it stands alone: a token `ab` is not inside `cab` or `abc`. */
const escaped = (secret: string): string => secret.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * A redactor for the secrets in `secrets` (a live set: secrets added later
 * are redacted too). Each is replaced by `[redacted]` wherever it is not part
 * of a longer word, so a short credential does not scramble unrelated text.
 */
export function redactor(secrets: ReadonlySet<string>): Redact {
  return (text) => {
    for (const secret of secrets) {
      if (secret) text = text.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escaped(secret)}(?![\\p{L}\\p{N}])`, "gu"), "[redacted]");
    }
    return text;
  };
}
