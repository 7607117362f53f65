import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * Signs the opaque values the sandbox issues (bearer tokens, cursors) with a
 * secret drawn per instance, one key per purpose, so a signature made for a
 * cursor never verifies as a token's.
 *
 * A signed value is `<payload>.<signature>`, both base64url without padding.
 * Verification compares the signature as the exact text the sandbox would
 * write: base64 has several spellings of the same bytes (the unused low bits
 * of the last character, `=` padding, the standard alphabet's `+` and `/`),
 * and accepting them would let anyone mint "new" values from an issued one.
 */
export class Signer {
  readonly #secret = randomBytes(32);

  /** `payload` (any bytes) signed for `purpose`. */
  sign(purpose: string, payload: string): string {
    const encoded = Buffer.from(payload, "utf8").toString("base64url");
    return `${encoded}.${this.#signature(purpose, encoded)}`;
  }

  /** The payload of a value this instance signed for `purpose`, or `undefined` for anything else. */
  verify(purpose: string, signed: string): string | undefined {
    const [encoded, signature, ...rest] = signed.split(".");
    if (!encoded || !signature || rest.length > 0) return undefined;
    const expected = Buffer.from(this.#signature(purpose, encoded), "latin1");
    const actual = Buffer.from(signature, "latin1");
    if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return undefined;
    // The payload text is covered by the signature, so only its canonical spelling gets here.
    return Buffer.from(encoded, "base64url").toString("utf8");
  }

  #signature(purpose: string, encoded: string): string {
    return createHmac("sha256", this.#secret).update(purpose).update("\n").update(encoded).digest("base64url");
  }
}
