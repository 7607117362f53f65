package com.expys.sdk.runtime

import com.expys.sdk.ExpysCancelledException
import com.expys.sdk.ExpysConnectionException
import com.expys.sdk.ExpysResponseException
import com.expys.sdk.LogLevel
import com.expys.sdk.sse.EventTooLargeException
import com.expys.sdk.sse.ServerSentEvent
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.channels.awaitClose
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.buffer
import kotlinx.coroutines.flow.channelFlow
import kotlinx.coroutines.launch
import kotlinx.serialization.SerializationException
import okhttp3.Call
import okhttp3.Response
import java.io.IOException
import java.util.concurrent.atomic.AtomicReference

/** Events delivered but not yet collected, per stream: enough to keep the socket busy, few enough to stay small. */
private const val BUFFERED_EVENTS = 64

/**
 * A Server-Sent Events operation as a cold [Flow] of its events' data: each collector
 * opens its own connection, and reconnects, resuming with the last event id, happen
 * underneath (see [StreamSession]).
 *
 * The connection is read with a blocking `execute()` on an IO thread: OkHttp's
 * dispatcher limits `enqueue` calls per host, and a long-lived stream there would
 * starve ordinary calls. A blocked read cannot see a coroutine's cancellation, so
 * cancelling the collector (or `take(n)`, or the end of its scope) cancels the
 * OkHttp call from `awaitClose`, which closes the socket at once and ends the read.
 */
internal fun <T> ApiRuntime.stream(operation: Operation<T>, args: CallArgs, lastEventId: String?): Flow<T> = channelFlow {
    val connection = AtomicReference<Call?>()
    val session = StreamSession(this@stream, operation, args, lastEventId, connection, this)
    launch(options.dispatcher) {
        // A failure closes the channel rather than failing this coroutine: failing it would cancel the
        // channel and drop the events already buffered, which the collector must still receive first.
        val failure = try {
            session.run { send(it) }
            null
        } catch (e: CancellationException) {
            throw e
        } catch (e: Throwable) {
            e
        }
        channel.close(failure)
    }
    awaitClose { connection.get()?.cancel() }
}.buffer(BUFFERED_EVENTS)

/** How one connection of a stream ended, short of ending the stream. */
internal sealed class ConnectionEnd {
    /** The server ended the body, or the connection was lost or went silent. */
    class Lost(val delivered: Boolean, val cause: IOException?) : ConnectionEnd()

    /** A transient error answer (5xx, 408, 429), with the wait it asked for. */
    class Refused(val status: Int, val retryAfter: kotlin.time.Duration?) : ConnectionEnd()

    /** The token expired and was replaced: reconnect at once. */
    data object Refreshed : ConnectionEnd()

    /** The stream is over: a terminal event, or a 204. */
    data object Finished : ConnectionEnd()
}

/** Reads one response body into the parser, emitting each event's data; returns whether a terminal event ended it. */
internal suspend fun <T> readEvents(
    response: Response,
    operation: Operation<T>,
    parser: com.expys.sdk.sse.EventStreamParser,
    pending: ArrayList<ServerSentEvent>,
    emit: suspend (T) -> Unit,
    onDelivered: () -> Unit,
): Boolean {
    val input = response.body.byteStream()
    val buffer = ByteArray(16 * 1024)
    while (true) {
        val read = input.read(buffer)
        if (read < 0) return false
        try {
            parser.feed(buffer, 0, read)
        } catch (e: EventTooLargeException) {
            throw ExpysResponseException("the stream sent an event over ${e.maxEventSize} bytes", response.code, null, e)
        }
        for (event in pending) {
            val type = operation.events[event.event]
            @Suppress("UNCHECKED_CAST")
            val value = when {
                operation.events.isEmpty() -> event as T
                type == null -> continue // An event type this SDK does not know: the server may add them.
                type.decode == null -> event.data as T
                else -> decodeEvent(type, event)
            }
            onDelivered()
            emit(value)
            if (type?.terminal == true) return true
        }
        pending.clear()
    }
}

private fun <T> decodeEvent(type: StreamEvent<T>, event: ServerSentEvent): T = try {
    apiJson.decodeFromString(type.decode!!, event.data)
} catch (e: SerializationException) {
    throw ExpysResponseException("a ${event.event} event's data is not the documented JSON", 200, null, e)
} catch (e: IllegalArgumentException) {
    throw ExpysResponseException("a ${event.event} event's data is not the documented JSON", 200, null, e)
}

/** The error for a stream that failed for good: the client was closed, or it kept reconnecting to no avail. */
internal fun streamGaveUp(runtime: ApiRuntime, operation: Operation<*>, attempts: Int, cause: Throwable?): Exception {
    if (runtime.closed) return ExpysCancelledException("${operation.path}: the client was closed", cause)
    runtime.log.at(LogLevel.ERROR) { "${operation.path}: giving up after $attempts reconnects that delivered nothing" }
    return ExpysConnectionException("${operation.path}: $attempts reconnects in a row delivered nothing", cause)
}
