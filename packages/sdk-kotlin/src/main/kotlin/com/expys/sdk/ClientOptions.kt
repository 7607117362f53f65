package com.expys.sdk

import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.Dispatchers
import okhttp3.OkHttpClient
import kotlin.time.Duration
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds

/**
 * How a client retries, times out, logs and connects. Every option has a default
 * fit for production; a client made with `ClientOptions()` is a good client.
 *
 * @property maxRetries how many times a failed call is repeated when repeating can help.
 *   Two retries (three attempts) ride out a blip or a deploy, while a real outage fails
 *   fast instead of multiplying the load on a struggling server.
 * @property timeout how long one attempt may take, from sending to the last byte of the
 *   body, before it is abandoned (and retried if it can be). 60 s: the API answers in
 *   well under a second, so this only ends calls that are stuck (a stalled body, a
 *   half-open connection), and is long enough for the slowest mobile networks. Stripe's
 *   SDKs use 80 s, OpenAI's 10 min for slow generations the Expys API does not have.
 *   Streams are bounded by their idle timeout instead.
 * @property backoff the full-jitter delays between retries and stream reconnects.
 * @property maxRetryAfter the longest `Retry-After` (or stream `retry:` hint) honoured;
 *   a call told to wait longer ends at once with the error, and a stream waits this long.
 * @property headers sent with every request (per-call headers and the SDK's own win).
 * @property logger where log lines go, with every credential blanked out. Default: the
 *   JDK's platform logger `com.expys.sdk` (java.util.logging, or SLF4J through a bridge).
 * @property logLevel the least severe level logged: attempts at DEBUG, retries and token
 *   refreshes at INFO, a stream that keeps failing to reconnect at WARN.
 * @property httpClient an OkHttp client to share (its connection pool, dispatcher, proxy,
 *   TLS and interceptors). The SDK derives its own settings from it and never shuts it
 *   down; its read, write and connect timeouts still apply beside [timeout], while
 *   redirects and retries are the SDK's own (OkHttp's are switched off). Without
 *   one the client has its own, with no read or write timeout but [timeout], which
 *   `close()` releases.
 * @property dispatcher where the SDK does its own work: reading streams (a blocking read per
 *   stream, so it must allow many threads, as `Dispatchers.IO` does) and shared token fetches.
 *   Calls themselves run in the caller's coroutine.
 * @property maxStreamReconnects how many reconnects in a row that deliver nothing a stream
 *   makes before it fails with [ExpysConnectionException]; `null` (default) keeps trying,
 *   logging a warning as the failures add up, so a live view survives any outage until
 *   its collector is cancelled.
 */
public class ClientOptions(
    public val maxRetries: Int = 2,
    public val timeout: Duration = 60.seconds,
    public val backoff: Backoff = Backoff(),
    public val maxRetryAfter: Duration = 60.seconds,
    public val headers: Map<String, String> = emptyMap(),
    public val logger: ExpysLogger = ExpysLogger.platform(),
    public val logLevel: LogLevel = LogLevel.WARN,
    public val httpClient: OkHttpClient? = null,
    public val maxStreamReconnects: Int? = null,
    public val dispatcher: CoroutineDispatcher = Dispatchers.IO,
) {
    init {
        requireOption(maxRetries >= 0, "maxRetries must be 0 or more")
        requireOption(timeout.isPositive(), "timeout must be positive")
        requireOption(!maxRetryAfter.isNegative(), "maxRetryAfter must not be negative")
        requireOption(maxStreamReconnects == null || maxStreamReconnects >= 0, "maxStreamReconnects must be 0 or more")
    }
}

/**
 * Per-call settings, overriding the client's.
 *
 * @property timeout bounds each attempt of this call, body included.
 * @property maxRetries overrides [ClientOptions.maxRetries] for this call.
 * @property headers sent with this call only.
 */
public class RequestOptions(
    public val timeout: Duration? = null,
    public val maxRetries: Int? = null,
    public val headers: Map<String, String> = emptyMap(),
) {
    init {
        requireOption(timeout == null || timeout.isPositive(), "timeout must be positive")
        requireOption(maxRetries == null || maxRetries >= 0, "maxRetries must be 0 or more")
    }
}

/**
 * Full-jitter backoff: the delay before retry `n` (0 for the first) is drawn uniformly
 * from `[0, min(cap, base × 2ⁿ))`. Spreading retries over the whole window is what
 * stops a fleet of clients that lost the server together from returning together.
 */
public class Backoff(
    public val base: Duration = 500.milliseconds,
    public val cap: Duration = 10.seconds,
) {
    init {
        requireOption(!base.isNegative() && !cap.isNegative(), "backoff base and cap must not be negative")
    }
}

/** Severity of a log line, least severe first. */
public enum class LogLevel { DEBUG, INFO, WARN, ERROR, OFF }

/** Receives the SDK's log lines, already filtered by level and redacted. */
public fun interface ExpysLogger {
    /** Records one line. Called on whatever thread the SDK is running on; must not block for long. */
    public fun log(level: LogLevel, message: String)

    public companion object {
        /** The JDK's platform logger named `com.expys.sdk`. */
        public fun platform(): ExpysLogger {
            val logger = System.getLogger("com.expys.sdk")
            return ExpysLogger { level, message ->
                val mapped = when (level) {
                    LogLevel.DEBUG -> System.Logger.Level.DEBUG
                    LogLevel.INFO -> System.Logger.Level.INFO
                    LogLevel.WARN -> System.Logger.Level.WARNING
                    LogLevel.ERROR, LogLevel.OFF -> System.Logger.Level.ERROR
                }
                logger.log(mapped, message)
            }
        }
    }
}

private fun requireOption(condition: Boolean, message: String) {
    if (!condition) throw ExpysInvalidInputException(message)
}
