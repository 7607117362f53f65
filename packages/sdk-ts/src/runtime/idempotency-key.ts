/**
 * A random UUID (version 4) for an Idempotency-Key. Insecure browser contexts have
 * no `randomUUID`; there the key is 128 random bits from `getRandomValues`, as four
 * decimal numbers joined with `-`: as unique, if not UUID-shaped (the API accepts
 * any key up to 255 characters).
 */
export function idempotencyKey(): string {
  return crypto.randomUUID?.() ?? crypto.getRandomValues(new Uint32Array(4)).join("-");
}
