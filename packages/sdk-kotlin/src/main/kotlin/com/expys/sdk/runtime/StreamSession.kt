package com.expys.sdk.runtime

import com.expys.sdk.ExpysCancelledException
import com.expys.sdk.LogLevel
import com.expys.sdk.sse.EventStreamParser
import com.expys.sdk.sse.ServerSentEvent
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.delay
import kotlinx.coroutines.ensureActive
import kotlinx.coroutines.isActive
import okhttp3.Call
import okhttp3.HttpUrl
import okhttp3.OkHttpClient
import okhttp3.Request
import okhttp3.Response
import java.io.IOException
import java.util.concurrent.atomic.AtomicReference
import kotlin.time.Duration
import kotlin.time.Duration.Companion.milliseconds

/** The most redirects one connection follows. */
private const val MAX_REDIRECTS = 20

/**
 * One collection of a stream: connects, reads, reconnects after a lost connection,
 * and ends on a terminal event, a 204, or an error answer that retrying cannot fix.
 *
 * Reconnects wait the server's `retry:` time (capped by `maxRetryAfter`) or its
 * `Retry-After`, plus full-jitter backoff that grows with each connection in a row
 * that delivered nothing; each carries `Last-Event-ID`, so the server replays what
 * was missed. After the API's "refresh the token" answer the token is refreshed once and
 * the stream reconnects at once.
 */
internal class StreamSession<T>(
    private val runtime: ApiRuntime,
    private val operation: Operation<T>,
    private val args: CallArgs,
    initialLastEventId: String?,
    private val connection: AtomicReference<Call?>,
    private val scope: CoroutineScope,
) {
    private val pending = ArrayList<ServerSentEvent>()
    private var reconnectionTime: Duration = Duration.ZERO
    private val parser = EventStreamParser(lastEventId = initialLastEventId, onRetry = { reconnectionTime = it.milliseconds }) { pending.add(it) }
    private val credentials = runtime.credentialsFor(operation)
    private val bearer = credentials.filterIsInstance<BearerCredential>().firstOrNull()
    private val initialId = initialLastEventId

    suspend fun run(emit: suspend (T) -> Unit) {
        val url = requestUrl(runtime.base, operation, args)
        initialId?.let { HeaderValues.checkValue(operation.lastEventIdHeader ?: "Last-Event-ID", it) }
        var failures = 0
        var refreshed = false
        while (true) {
            runtime.checkOpen()
            val token = bearer?.token()
            val end = connect(url, token, refreshed, emit)
            refreshed = end is ConnectionEnd.Refreshed
            val retryAfter = when (end) {
                ConnectionEnd.Finished -> return
                ConnectionEnd.Refreshed -> continue
                is ConnectionEnd.Lost -> {
                    if (end.delivered) failures = 0
                    null
                }
                is ConnectionEnd.Refused -> end.retryAfter
            }
            failures += 1
            val cause = (end as? ConnectionEnd.Lost)?.cause
            runtime.options.maxStreamReconnects?.let { if (failures > it) throw streamGaveUp(runtime, operation, failures - 1, cause) }
            val cap = runtime.options.maxRetryAfter
            val wait = minOf(cap, maxOf(retryAfter ?: Duration.ZERO, reconnectionTime)) + runtime.options.backoff.delayFor(failures - 1)
            val level = if (failures == 3 || (failures > 3 && failures % 10 == 0)) LogLevel.WARN else LogLevel.INFO
            runtime.log.at(level) { "${operation.path}: connection lost${cause?.let { " (${it::class.simpleName})" } ?: ""}; reconnect $failures in ${wait.inWholeMilliseconds} ms" }
            delay(wait)
        }
    }

    /** One connection, with the redirects it is sent, read to its end. */
    private suspend fun connect(url: HttpUrl, token: String?, refreshedBefore: Boolean, emit: suspend (T) -> Unit): ConnectionEnd {
        var request = request(url, token)
        for (hop in 0..MAX_REDIRECTS) {
            val call = streamClient().newCall(request)
            val response = execute(call) ?: return ConnectionEnd.Lost(false, lastFailure)
            try {
                val location = response.header("Location")
                if (response.code in 300..399 && location != null) {
                    val target = request.url.resolve(location) ?: throw apiErrorOf(response.code, response.headers, "", runtime.facts, runtime.secrets)
                    val builder = request.newBuilder().url(target)
                    if (target.host != request.url.host || target.port != request.url.port || target.scheme != request.url.scheme) {
                        for (name in credentials.flatMap { it.headerNames } + "Cookie") builder.removeHeader(name)
                    }
                    request = builder.build()
                    continue
                }
                return answer(response, token, refreshedBefore, emit)
            } finally {
                response.close()
                runtime.calls.remove(call)
            }
        }
        throw ExpysCancelledException("${operation.path}: more than $MAX_REDIRECTS redirects")
    }

    private var lastFailure: IOException? = null

    /**
     * Runs the blocking call, registered until its body is done so that the collector's
     * cancellation and close() can cancel it; `null` when it failed.
     */
    private fun execute(call: Call): Response? {
        connection.set(call)
        // A cancellation that came just before the call was registered has nothing to cancel: do it here.
        if (!scope.isActive) call.cancel()
        runtime.calls.add(call)
        return try {
            call.execute()
        } catch (e: IOException) {
            runtime.calls.remove(call)
            lastFailure = e
            scope.ensureActive()
            if (runtime.closed) throw ExpysCancelledException("${operation.path}: the client was closed", e)
            null
        }
    }

    private suspend fun answer(response: Response, token: String?, refreshedBefore: Boolean, emit: suspend (T) -> Unit): ConnectionEnd {
        val status = response.code
        val contentType = response.header("Content-Type")?.substringBefore(';')?.trim()?.lowercase()
        if (status == 200 && contentType == "text/event-stream") {
            parser.reset()
            pending.clear()
            var delivered = false
            return try {
                if (readEvents(response, operation, parser, pending, emit) { delivered = true }) ConnectionEnd.Finished else ConnectionEnd.Lost(delivered, null)
            } catch (e: IOException) {
                scope.ensureActive()
                if (runtime.closed) throw ExpysCancelledException("${operation.path}: the client was closed", e)
                ConnectionEnd.Lost(delivered, e)
            }
        }
        // A 204 is the server asking the client to stop (HTML §9.2.3).
        if (status == 204) return ConnectionEnd.Finished
        val body = try {
            response.body.source().readUtf8(minOf(4096L, response.body.contentLength().takeIf { it >= 0 } ?: 4096L))
        } catch (_: IOException) {
            ""
        }
        val error = apiErrorOf(status, response.headers, body, runtime.facts, runtime.secrets)
        if (status == 200) {
            throw com.expys.sdk.ExpysResponseException("${operation.path}: the answer is not an event stream (content type ${contentType ?: "none"})", status, error.requestId)
        }
        if (error.code.value == runtime.facts.refreshTokenCode && token != null && bearer?.canRefresh == true && !refreshedBefore) {
            runtime.log.at(LogLevel.INFO) { "${operation.path}: the token expired; asking for a new one" }
            bearer.refresh(token)
            return ConnectionEnd.Refreshed
        }
        if (status == 408 || status == 429 || status >= 500) return ConnectionEnd.Refused(status, parseRetryAfter(response.header("Retry-After")))
        throw error
    }

    private fun request(url: HttpUrl, token: String?): Request {
        val headers = HeaderValues()
        for ((name, value) in runtime.options.headers) headers.set(name, value)
        for ((name, value) in args.headers) if (value != null) headers.set(name, value)
        runtime.facts.clientHeader?.let { headers.set(it, runtime.facts.clientId) }
        headers.set("Accept", "text/event-stream")
        headers.set("Cache-Control", "no-cache")
        for (credential in credentials) {
            when (credential) {
                is BearerCredential -> headers.set("Authorization", credential.authorization(token!!))
                is ApiKeyHeaderCredential -> headers.set(credential.name, credential.value)
                is BasicCredential -> headers.set("Authorization", credential.header)
            }
        }
        val built = headers.build().newBuilder()
        // The id is the server's own, sent back as UTF-8 (HTML §9.2.4): any character but CR, LF and NUL, which ids cannot hold.
        parser.lastEventId?.let { built.addUnsafeNonAscii(operation.lastEventIdHeader ?: "Last-Event-ID", it) }
        return Request.Builder().url(url).headers(built.build()).get().build()
    }

    private fun streamClient(): OkHttpClient = runtime.streamHttp(operation.idleTimeout)
}
