/** How much of an error body {@link readBodyPrefix} keeps. */
export const BODY_PREFIX_BYTES = 4096;
/** How long reading an error body may take, so a stalled error cannot hang the stream. */
const BODY_READ_TIMEOUT_MS = 5000;

const noop = (): void => {};

/**
 * The first {@link BODY_PREFIX_BYTES} of a response body, decoded as UTF-8,
 * then cancels the rest. Never throws: a body that fails or stalls midway
 * yields what arrived before.
 */
export async function readBodyPrefix(response: Response): Promise<string> {
  const body = response.body;
  if (body === null) return "";
  const reader = body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  // Cancelling the reader settles a pending read with `done`.
  const timer = setTimeout(() => reader.cancel().catch(noop), BODY_READ_TIMEOUT_MS);
  try {
    while (size < BODY_PREFIX_BYTES) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(value);
      size += value.byteLength;
    }
  } catch {
    // The body broke off: keep what arrived.
  } finally {
    clearTimeout(timer);
    reader.cancel().catch(noop);
  }
  const bytes = new Uint8Array(Math.min(size, BODY_PREFIX_BYTES));
  let offset = 0;
  for (const part of parts) {
    const piece = part.subarray(0, bytes.length - offset);
    bytes.set(piece, offset);
    offset += piece.length;
    if (offset === bytes.length) break;
  }
  // Streaming mode leaves out a character cut at the limit instead of adding U+FFFD.
  return new TextDecoder().decode(bytes, { stream: true });
}
