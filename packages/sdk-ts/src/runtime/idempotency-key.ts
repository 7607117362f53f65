/**
 * A random UUID (version 4) for an Idempotency-Key. Insecure browser contexts have
 * no `randomUUID`; there the key is 128 random bits from `getRandomValues` in hex,
 * as unique, if not UUID-shaped (the API accepts any key up to 255 characters).
 */
export function idempotencyKey(): string {
  return crypto.randomUUID?.() ?? Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, "0")).join("");
}
