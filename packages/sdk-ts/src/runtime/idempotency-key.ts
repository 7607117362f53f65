/**
 * A random UUID (version 4) for an Idempotency-Key. `randomUUID` is missing from
 * insecure browser contexts; there, 128 bits from `getRandomValues` are laid out
 * as a version 4 UUID.
 */
export function idempotencyKey(): string {
  if (crypto.randomUUID) return crypto.randomUUID();
  const hex = Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20)}`;
}
