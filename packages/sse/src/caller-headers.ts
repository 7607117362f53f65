import type { FetchEventStreamOptions, HeadersInfo } from "./fetch-event-stream.ts";

/**
 * The caller's headers for one connection: the `headers` option, or what its
 * function returns, called afresh each time so a token can be refreshed, and
 * told with `info` whether the last ones were refused with a 401.
 *
 * @throws {TypeError} when a name or value is one fetch does not accept. The
 *   runtime's own message may quote the value, and header values are often
 *   secrets, so it is replaced by one that shows nothing.
 */
export async function callerHeaders(option: FetchEventStreamOptions["headers"], info: HeadersInfo): Promise<Headers> {
  const init = typeof option === "function" ? await option(info) : option;
  try {
    return new Headers(init);
  } catch {
    throw new TypeError("Invalid header in the headers option (not shown)");
  }
}
