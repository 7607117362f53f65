import type { ServerSentEvent } from "@expys/sse";
import { ExpysError } from "./errors.ts";

/** What a stream yields for one event of a declared type. */
export type EventDecoder = (event: ServerSentEvent) => unknown;

/** The event's data, parsed as JSON. */
export const jsonEvent: EventDecoder = ({ event, data }) => {
  try {
    return JSON.parse(data);
  } catch (error) {
    throw new ExpysError(`a ${event} event's data is not JSON`, { cause: error });
  }
};

/** The event's data, as text. */
export const textEvent: EventDecoder = (event) => event.data;

/** `{ event, data }`, with the data `decode` gives: for a stream of several event types. */
export const taggedEvent =
  (decode: EventDecoder): EventDecoder =>
  (event) => ({ event: event.event, data: decode(event) });
