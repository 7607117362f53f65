package com.expys.sdk.runtime

import kotlinx.serialization.KSerializer
import kotlin.time.Duration

/**
 * What never changes between calls of one operation. Generated code makes one per
 * operation, once, and hands it to the runtime with each call's [CallArgs].
 *
 * @property path the path template, such as `/v1/conversations/{id}/messages`.
 * @property response how to read a successful answer's body; `null` when it has none.
 * @property idempotencyHeader for a write that takes an idempotency key, the header carrying it.
 * @property repeatable `false` for a request that repeating could apply twice (a POST or PATCH without an
 *   idempotency key: the plan decides), which is then retried only when the server cannot have acted on it.
 * @property lastEventIdHeader for a stream, the header that resumes it after an event.
 * @property events for a stream, the event types it delivers, by SSE event name.
 * @property security the alternatives of credentials, by scheme id, the first satisfiable of which is sent.
 * @property idleTimeout for a stream, how long a silence (heartbeats included) means the connection is dead.
 * @property textResponse the success body is text, delivered as it is (`T` is `String`).
 */
internal class Operation<T>(
    val method: String,
    val path: String,
    val response: KSerializer<T>?,
    val idempotencyHeader: String? = null,
    val repeatable: Boolean = true,
    val security: List<List<String>>? = null,
    val events: Map<String, StreamEvent<T>> = emptyMap(),
    val lastEventIdHeader: String? = null,
    val idleTimeout: Duration? = null,
    val textResponse: Boolean = false,
) {
    /** The path split at `/`, with each `{name}` marked, so a call only fills in values. */
    val segments: List<PathSegment> = path.trim('/').split('/').filter { it.isNotEmpty() }.map { segment ->
        if (segment.startsWith('{') && segment.endsWith('}')) PathSegment(segment.substring(1, segment.length - 1), true)
        else PathSegment(segment, false)
    }
}

internal class PathSegment(val text: String, val isParameter: Boolean)

/**
 * One event type of a stream: how its `data` is read, and whether it ends the stream.
 * [decode] is `null` for text data, which is delivered as it is.
 */
internal class StreamEvent<out T>(val decode: KSerializer<out T>?, val terminal: Boolean = false)

/** How a query parameter with several values is spelled (OpenAPI `style` and `explode`). */
internal enum class QueryStyle(val separator: String?) {
    /** `a=1&a=2`: OpenAPI's default, form with explode. */
    FORM(null),
    /** `a=1,2` */
    COMMA(","),
    /** `a=1%202` */
    SPACE(" "),
    /** `a=1|2` */
    PIPE("|"),
}

/** The values of one call: path parameters, query, headers, body, and the caller's idempotency key. */
internal class CallArgs(
    val pathParams: Map<String, String> = emptyMap(),
    val query: List<QueryValue> = emptyList(),
    val headers: Map<String, String?> = emptyMap(),
    val body: String? = null,
    val contentType: String = "application/json",
    val idempotencyKey: String? = null,
)

/** One query parameter; `null` values are left out. */
internal class QueryValue(val name: String, val values: List<String>?, val style: QueryStyle = QueryStyle.FORM) {
    constructor(name: String, value: Any?) : this(name, value?.let { listOf(it.toString()) })
}
