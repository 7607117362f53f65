/**
 * One event dispatched from an event stream.
 *
 * @see https://html.spec.whatwg.org/multipage/server-sent-events.html#dispatchMessage
 */
export interface ServerSentEvent {
  /** The event type: the block's `event` field, or `"message"` when it had none or an empty one. */
  event: string;
  /** The block's `data` lines joined with LF (U+000A), without the final LF. */
  data: string;
  /**
   * The last event id in force when the event was dispatched: the latest `id`
   * field, whether in this block or an earlier one. `undefined` when no id is in
   * force (none was ever sent, or the server cleared it with an empty `id`).
   */
  id: string | undefined;
}
