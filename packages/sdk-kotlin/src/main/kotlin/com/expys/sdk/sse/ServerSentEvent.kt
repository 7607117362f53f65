package com.expys.sdk.sse

/**
 * One dispatched Server-Sent Event (HTML §9.2.6).
 *
 * @property event the event type: the `event` field, or `message` when the block had none.
 * @property data the `data` lines joined with LF.
 * @property id the last event id in force when it was dispatched, or `null` when there is none.
 */
public data class ServerSentEvent(val event: String, val data: String, val id: String?)

/** A line, or an event's data, grew beyond the parser's limit; the parser stops rather than buffer without bound. */
public class EventTooLargeException(public val maxEventSize: Int) :
    IllegalStateException("an event or line is over $maxEventSize bytes")
