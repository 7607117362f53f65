import type { ServerSentEvent } from "../../src/index.ts";
import type { ParseResult } from "./parse-all.ts";

/**
 * HTML §9.2.5–9.2.6 transcribed as literally as possible, for a whole stream
 * at once: the oracle the property tests compare the streaming parser with.
 * No maxEventSize: callers use inputs below the parser's limit.
 */
export function referenceParse(bytes: Uint8Array, initialLastEventId = ""): ParseResult {
  let text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
  if (text.startsWith("\uFEFF")) text = text.slice(1);
  const lines = text.split(/\r\n|\r|\n/);
  // What follows the last line end is an incomplete line: discarded at end of stream.
  lines.pop();
  const result: ParseResult = { events: [], retries: [], comments: [], lastEventId: undefined, error: undefined };
  let data = "";
  let eventType = "";
  let lastEventIdBuffer = initialLastEventId;
  let lastEventId = initialLastEventId;
  for (const line of lines) {
    if (line === "") {
      lastEventId = lastEventIdBuffer;
      if (data === "") {
        eventType = "";
        continue;
      }
      if (data.endsWith("\n")) data = data.slice(0, -1);
      const event: ServerSentEvent = { event: eventType === "" ? "message" : eventType, data, id: lastEventId === "" ? undefined : lastEventId };
      result.events.push(event);
      data = "";
      eventType = "";
      continue;
    }
    if (line.startsWith(":")) {
      result.comments.push(line.slice(line.startsWith(": ") ? 2 : 1));
      continue;
    }
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "event") eventType = value;
    else if (field === "data") data += `${value}\n`;
    else if (field === "id") {
      if (!value.includes("\0")) lastEventIdBuffer = value;
    } else if (field === "retry") {
      if (/^[0-9]+$/.test(value)) result.retries.push(Number.parseInt(value, 10));
    }
  }
  result.lastEventId = lastEventId === "" ? undefined : lastEventId;
  return result;
}
