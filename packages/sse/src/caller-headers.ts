import type { StreamEventsOptions } from "./stream-events.ts";

/**
 * The caller's headers for one connection: the `headers` option, or what its
 * function returns, called afresh each time so a token can be refreshed.
 *
 * @throws {TypeError} when a name or value is one fetch does not accept. The
 *   runtime's own message may quote the value, and header values are often
 *   secrets, so it is replaced by one that shows nothing.
 */
export async function callerHeaders(option: StreamEventsOptions["headers"]): Promise<Headers> {
  const init = typeof option === "function" ? await option() : option;
  try {
    return new Headers(init);
  } catch {
    throw new TypeError("Invalid header in the headers option (not shown)");
  }
}
