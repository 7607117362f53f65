package com.expys.sdk.sse

/**
 * A streaming parser for `text/event-stream` (HTML §9.2.5 "Parsing an event stream",
 * §9.2.6 "Interpreting an event stream"): feed it a body's bytes as they arrive,
 * however they are split, and it calls [onEvent] for each complete event.
 *
 * It works on bytes: line ends are found in the bytes (CR and LF never occur inside
 * a UTF-8 sequence), field names are compared as bytes, and only values are decoded,
 * each as one whole line, so a character split across chunks survives. Text is
 * always UTF-8, whatever the `charset` says, with U+FFFD for malformed bytes. Memory
 * is bounded by [maxEventSize]. The parser never reconnects; call [reset] when a new
 * connection starts.
 *
 * Not thread-safe: feed it from one thread at a time.
 *
 * @param lastEventId the last event id in force before the first byte, such as the id a stream resumed from.
 * @param maxEventSize the longest line, and the largest event data, it buffers, in bytes; beyond it
 *   [feed] throws [EventTooLargeException].
 * @param onRetry called with the reconnection time in ms for each valid `retry` field.
 * @param onComment called with each comment's text (after the colon and one optional space).
 * @param onEvent called for each dispatched event, from inside [feed].
 */
public class EventStreamParser(
    lastEventId: String? = null,
    private val maxEventSize: Int = DEFAULT_MAX_EVENT_SIZE,
    private val onRetry: ((Long) -> Unit)? = null,
    private val onComment: ((String) -> Unit)? = null,
    private val onEvent: (ServerSentEvent) -> Unit,
) {
    init {
        require(maxEventSize > 0) { "maxEventSize must be positive" }
    }

    /** The spec's "last event ID string", as of the last blank line; `""` for none. */
    private var lastId: String = lastEventId ?: ""

    /** The bytes of a line still missing its end. */
    private var partial = ByteArray(256)
    private var partialLength = 0

    /** The previous chunk ended with CR: an LF starting the next one belongs to it (CRLF). */
    private var afterCR = false

    /** No line has ended since the stream started: a leading BOM is still to be stripped. */
    private var atStreamStart = true

    /** The first data line of the event, kept as a string until a second one arrives. */
    private var firstData: String? = null
    private var moreData: StringBuilder? = null
    private var dataLength = 0
    private var eventType: String = ""

    /** The id field of the current block, if it had one ("" when it cleared the id). */
    private var blockId: String? = null
    private var failed = false

    /** The last event id in force: what to send as `Last-Event-ID` when reconnecting; `null` for none. */
    public val lastEventId: String? get() = lastId.ifEmpty { null }

    /**
     * Parses the next piece of the stream.
     *
     * @throws EventTooLargeException when a line or an event's data exceeds [maxEventSize];
     *   every later call throws it again until [reset]. An exception thrown by [onEvent]
     *   propagates too, and the rest of the chunk is lost.
     */
    public fun feed(bytes: ByteArray, offset: Int = 0, length: Int = bytes.size - offset) {
        if (failed) throw EventTooLargeException(maxEventSize)
        var index = offset
        val end = offset + length
        if (afterCR && index < end) {
            afterCR = false
            if (bytes[index] == LF) index++
        }
        while (index < end) {
            var lineEnd = index
            while (lineEnd < end) {
                val byte = bytes[lineEnd]
                if (byte == LF || byte == CR) break
                lineEnd++
            }
            if (lineEnd == end) {
                buffer(bytes, index, end - index)
                return
            }
            if (partialLength == 0) {
                line(bytes, index, lineEnd - index)
            } else {
                buffer(bytes, index, lineEnd - index)
                val length = partialLength
                partialLength = 0
                line(partial, 0, length)
            }
            index = lineEnd + 1
            if (bytes[lineEnd] == CR) {
                // A CRLF is one line end; its LF may come with the next chunk.
                if (index == end) afterCR = true else if (bytes[index] == LF) index++
            }
        }
    }

    /**
     * Starts a new stream, as for a new connection: discards the incomplete event and
     * line (the spec discards them at the end of a stream) and the BOM check, and clears
     * a failure. Keeps the last event id, as browsers do.
     */
    public fun reset() {
        partialLength = 0
        afterCR = false
        atStreamStart = true
        clearEvent()
        failed = false
    }

    private fun buffer(bytes: ByteArray, offset: Int, length: Int) {
        val needed = partialLength + length
        if (needed > maxEventSize) fail()
        if (needed > partial.size) partial = partial.copyOf(maxOf(needed, partial.size * 2).coerceAtMost(maxEventSize))
        System.arraycopy(bytes, offset, partial, partialLength, length)
        partialLength = needed
    }

    private fun line(bytes: ByteArray, offset: Int, length: Int) {
        var start = offset
        var size = length
        if (atStreamStart) {
            atStreamStart = false
            if (size >= 3 && bytes[start] == BOM0 && bytes[start + 1] == BOM1 && bytes[start + 2] == BOM2) {
                start += 3
                size -= 3
            }
        }
        if (size == 0) return dispatch()
        if (size > maxEventSize) fail()
        // The field name runs to the first colon; a line without one is a name with an empty value.
        var colon = start
        val end = start + size
        while (colon < end && bytes[colon] != COLON) colon++
        var valueStart = if (colon < end) colon + 1 else end
        // One space after the colon is dropped, and only one.
        if (valueStart < end && bytes[valueStart] == SPACE) valueStart++
        val nameLength = colon - start
        when {
            nameLength == 0 -> onComment?.invoke(decode(bytes, valueStart, end))
            nameLength == 4 && matches(bytes, start, DATA) -> data(decode(bytes, valueStart, end))
            nameLength == 5 && matches(bytes, start, EVENT) -> eventType = decode(bytes, valueStart, end)
            // An id containing NUL is ignored; an empty one clears the last event id.
            nameLength == 2 && matches(bytes, start, ID) -> if (!contains(bytes, valueStart, end, 0)) blockId = decode(bytes, valueStart, end)
            nameLength == 5 && matches(bytes, start, RETRY) -> retry(bytes, valueStart, end)
            // Unknown fields are ignored.
        }
    }

    private fun data(value: String) {
        dataLength += value.length + if (firstData == null) 0 else 1
        if (dataLength > maxEventSize) fail()
        val first = firstData
        if (first == null) {
            firstData = value
        } else {
            // Data lines join with LF; the spec's trailing LF is never added, so none is removed.
            val more = moreData ?: StringBuilder(first).also { moreData = it }
            more.append('\n').append(value)
        }
    }

    /** Only ASCII digits alone are a reconnection time: `1.5`, `-5` and `10x` are ignored. */
    private fun retry(bytes: ByteArray, start: Int, end: Int) {
        if (start == end) return
        var value = 0L
        for (index in start until end) {
            val digit = bytes[index] - '0'.code.toByte()
            if (digit !in 0..9) return
            value = if (value > (Long.MAX_VALUE - digit) / 10) Long.MAX_VALUE else value * 10 + digit
        }
        onRetry?.invoke(value)
    }

    /**
     * A blank line: the last event id is updated at every one, even for a block without
     * data; an event is dispatched only when a data line was seen; the type resets either way.
     */
    private fun dispatch() {
        blockId?.let { lastId = it }
        val first = firstData
        val event = if (first == null) null else ServerSentEvent(eventType.ifEmpty { "message" }, moreData?.toString() ?: first, lastId.ifEmpty { null })
        clearEvent()
        if (event != null) onEvent(event)
    }

    private fun clearEvent() {
        firstData = null
        moreData = null
        dataLength = 0
        eventType = ""
        blockId = null
    }

    private fun fail(): Nothing {
        failed = true
        throw EventTooLargeException(maxEventSize)
    }

    public companion object {
        /** The default [maxEventSize]: 1 MiB. */
        public const val DEFAULT_MAX_EVENT_SIZE: Int = 1 shl 20

        private const val LF = '\n'.code.toByte()
        private const val CR = '\r'.code.toByte()
        private const val COLON = ':'.code.toByte()
        private const val SPACE = ' '.code.toByte()
        private const val BOM0 = 0xEF.toByte()
        private const val BOM1 = 0xBB.toByte()
        private const val BOM2 = 0xBF.toByte()
        private val DATA = "data".encodeToByteArray()
        private val EVENT = "event".encodeToByteArray()
        private val ID = "id".encodeToByteArray()
        private val RETRY = "retry".encodeToByteArray()

        private fun matches(bytes: ByteArray, start: Int, name: ByteArray): Boolean {
            for (index in name.indices) if (bytes[start + index] != name[index]) return false
            return true
        }

        private fun contains(bytes: ByteArray, start: Int, end: Int, byte: Byte): Boolean {
            for (index in start until end) if (bytes[index] == byte) return true
            return false
        }

        private fun decode(bytes: ByteArray, start: Int, end: Int): String = if (start == end) "" else String(bytes, start, end - start, Charsets.UTF_8)
    }
}
