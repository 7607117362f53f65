package com.expys.sdk.runtime

import com.expys.sdk.Backoff
import java.time.ZonedDateTime
import java.time.format.DateTimeFormatter
import java.time.format.DateTimeParseException
import java.util.Locale
import kotlin.random.Random
import kotlin.time.Duration
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds

/**
 * Whether an error answer is worth repeating: 408, 429 and 503 say the server did
 * not act on the request, so they always are; 500, 502 and 504 may follow a partial
 * write, so only a repeatable request is; a 409 only when the API's code says the
 * same write is still in flight (a key reused with another body never succeeds).
 */
internal fun shouldRetryStatus(status: Int, code: String, inProgressCode: String?, repeatable: Boolean): Boolean = when (status) {
    409 -> repeatable && code == inProgressCode
    408, 429, 503 -> true
    500, 502, 504 -> repeatable
    else -> false
}

/** The full-jitter delay before retry number [attempt] (0 for the first). */
internal fun Backoff.delayFor(attempt: Int, random: Random = Random.Default): Duration {
    val ceiling = if (attempt >= 30) cap else minOf(cap, base * (1 shl attempt))
    return (ceiling.inWholeMilliseconds * random.nextDouble()).toLong().milliseconds
}

private val httpDate = DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.US)

/**
 * A `Retry-After` value (RFC 9110 §10.2.3): delta-seconds or an HTTP-date, measured
 * from now (a past date is zero). `null` when absent or malformed (`-5`, `1.5`,
 * `soon`), so the caller falls back to its own backoff.
 */
internal fun parseRetryAfter(value: String?, now: Long = System.currentTimeMillis()): Duration? {
    val text = value?.trim() ?: return null
    if (text.isNotEmpty() && text.all { it in '0'..'9' }) return text.toLongOrNull()?.seconds ?: Duration.INFINITE
    return try {
        val millis = ZonedDateTime.parse(text, httpDate).toInstant().toEpochMilli() - now
        maxOf(0L, millis).milliseconds
    } catch (_: DateTimeParseException) {
        null
    }
}
