package bench

import com.expys.sdk.sse.EventStreamParser
import okhttp3.sse.internal.ServerSentEventReader
import okio.Buffer

private const val TOTAL_BYTES = 50 * 1024 * 1024
private const val CHUNK = 64 * 1024

/**
 * 50 MB of 264-byte `message` events (an id, an event type, one data line of JSON),
 * parsed in memory by the SDK's parser (64 KiB chunks, as a socket delivers them) and
 * by okhttp-sse's own reader (over an okio Buffer holding the same bytes). Best of
 * five runs each, after a warm-up, in MB/s.
 */
fun parserThroughput() {
    val event = "id: 0000000\nevent: message\ndata: {\"id\":\"msg_0000000\",\"type\":\"text\",\"authorID\":\"concierge\",\"body\":\"Your table for two is booked for Friday at 8pm; we will text you the confirmation.\",\"createdAt\":\"2026-12-01T12:00:00.000Z\"}\n\n"
    val one = event.encodeToByteArray()
    val count = TOTAL_BYTES / one.size
    val bytes = ByteArray(count * one.size).also { all -> repeat(count) { System.arraycopy(one, 0, all, it * one.size, one.size) } }

    fun ours(): Int {
        var events = 0
        val parser = EventStreamParser { events++ }
        var offset = 0
        while (offset < bytes.size) {
            val length = minOf(CHUNK, bytes.size - offset)
            parser.feed(bytes, offset, length)
            offset += length
        }
        return events
    }

    fun okhttpSse(): Int {
        var events = 0
        val source = Buffer().write(bytes)
        val reader = ServerSentEventReader(
            source,
            object : ServerSentEventReader.Callback {
                override fun onEvent(id: String?, type: String?, data: String) {
                    events++
                }

                override fun onRetryChange(timeMs: Long) = Unit
            },
        )
        while (reader.processNextEvent()) continue
        return events
    }

    repeat(3) { check(ours() == count); check(okhttpSse() == count) }
    val mb = bytes.size / 1_000_000.0
    val oursBest = (1..5).maxOf { mb / seconds { check(ours() == count) } }
    val theirsBest = (1..5).maxOf { mb / seconds { check(okhttpSse() == count) } }
    println("SSE parsing, ${format(mb, 0)} MB of ${one.size}-byte events: SDK parser ${format(oursBest, 0)} MB/s, okhttp-sse reader ${format(theirsBest, 0)} MB/s (${format(oursBest / theirsBest)}x)")
}

private fun seconds(block: () -> Unit): Double {
    val start = System.nanoTime()
    block()
    return (System.nanoTime() - start) / 1e9
}
