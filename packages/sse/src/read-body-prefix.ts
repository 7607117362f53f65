import { cancel } from "./ignore.ts";

/** How much of an error body {@link readBodyPrefix} keeps. */
export const BODY_PREFIX_BYTES = 4096;
/** How long reading an error body may take, so a stalled error cannot hang the stream. */
const BODY_READ_TIMEOUT_MS = 5000;

/**
 * The first 4 KiB of a response body, decoded as UTF-8, then cancels the
 * rest: for the body of an answer that is not an event stream (an error), so
 * that one that never ends cannot stall the stream. Never throws: a body that
 * fails, or stalls for 5 s, yields what arrived before; a character cut at
 * the limit is dropped rather than replaced.
 *
 * @example
 * ```ts
 * return { error: new ApiError(response.status, await readBodyPrefix(response)) };
 * ```
 */
export async function readBodyPrefix(response: Response): Promise<string> {
  const reader = response.body?.getReader();
  // Decoding in streaming mode gives what decoding the joined bytes would, and
  // leaves out a character cut at the limit instead of adding U+FFFD.
  const decoder = new TextDecoder();
  let text = "";
  let size = 0;
  // Cancelling the reader settles a pending read with `done`.
  const timer = setTimeout(cancel, BODY_READ_TIMEOUT_MS, reader);
  try {
    while (reader && size < BODY_PREFIX_BYTES) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value.subarray(0, BODY_PREFIX_BYTES - size), { stream: true });
      size += value.length;
    }
  } catch {
    // The body broke off: keep what arrived.
  }
  clearTimeout(timer);
  cancel(reader);
  return text;
}
