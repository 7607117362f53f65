import type { FetchEventStreamOptions, HeadersInfo } from "./fetch-event-stream.ts";
import type { ConnectionRequest } from "./open-connection.ts";

/**
 * What one connection sends besides our own headers: the method, the body
 * (or what the `body` function returns) and the caller's headers (or what the
 * `headers` function returns, told with `info` whether the last ones were
 * refused with a 401). Both functions are called afresh for every
 * connection, so a token can be refreshed.
 *
 * @throws {TypeError} naming the header, when a value has a CR, LF or NUL
 *   anywhere (fetch would trim one at either end, and fail the request on
 *   one inside, as a network error the stream would retry) or a character
 *   above U+00FF (header values are bytes). The value is never shown: header
 *   values are often secrets. An invalid name fails with the runtime's
 *   TypeError, which shows the name only.
 */
export async function connectionRequest({ headers: init, method, body }: FetchEventStreamOptions, info: HeadersInfo): Promise<ConnectionRequest> {
  const list = (typeof init === "function" ? await init(info) : init) ?? [];
  const headers = new Headers();
  // A Headers or an array is a list of pairs already (both are iterable); a record becomes one.
  for (const [name, value] of Symbol.iterator in list ? (list as Iterable<[string, string]>) : Object.entries(list)) {
    if (/[\0\n\r\u0100-\uffff]/.test(value as string)) throw new TypeError(`Invalid value of header ${name}`);
    headers.append(name as string, value as string);
  }
  return { method, body: typeof body === "function" ? await body() : body, headers };
}
