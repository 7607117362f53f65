/**
 * The `Last-Event-ID` header value for an id: its UTF-8 bytes, one byte per
 * character of the ByteString (for an ASCII id, the id itself).
 *
 * Fetch header values are ByteStrings: `new Headers()` throws on any character
 * above U+00FF, and a character from U+0080 to U+00FF would go out as one
 * Latin-1 byte, which a server reading the header as UTF-8 cannot decode.
 * Sending the UTF-8 bytes is what the spec asks for (the header value is "any
 * UTF-8 encoded string", HTML §9.2.4), and a server that decodes the raw header
 * bytes as UTF-8 gets the id back exactly.
 *
 * @see https://html.spec.whatwg.org/multipage/server-sent-events.html#the-last-event-id-header
 */
export function lastEventIdHeaderValue(id: string): string {
  let value = "";
  for (const byte of new TextEncoder().encode(id)) value += String.fromCharCode(byte);
  return value;
}
