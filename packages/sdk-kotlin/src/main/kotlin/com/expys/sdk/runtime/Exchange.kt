package com.expys.sdk.runtime

import com.expys.sdk.ExpysApiException
import com.expys.sdk.ExpysCancelledException
import com.expys.sdk.ExpysConnectionException
import com.expys.sdk.ExpysException
import com.expys.sdk.ExpysTimeoutException
import com.expys.sdk.LogLevel
import com.expys.sdk.RequestOptions
import okhttp3.Headers
import okhttp3.HttpUrl
import okhttp3.MediaType.Companion.toMediaType
import okhttp3.Request
import okhttp3.RequestBody
import okhttp3.RequestBody.Companion.toRequestBody
import java.io.IOException
import java.io.InterruptedIOException
import java.net.SocketTimeoutException
import kotlin.time.Duration

/** The most redirects one attempt follows. */
private const val MAX_REDIRECTS = 20

/** Methods OkHttp requires a body for. */
private val methodsWithBody = setOf("POST", "PUT", "PATCH")
private val emptyBody = ByteArray(0).toRequestBody(null)

/**
 * One call: its attempts, each with fresh credentials, until an answer that ends it.
 * The idempotency [key] is the same on every attempt, so the server tells a retry
 * from a new write.
 */
internal class Exchange<T>(
    private val runtime: ApiRuntime,
    private val operation: Operation<T>,
    private val args: CallArgs,
    private val url: HttpUrl,
    private val key: String?,
    private val requestOptions: RequestOptions?,
    private val readSuccess: (HttpAnswer) -> Any?,
) {
    private val timeout: Duration = requestOptions?.timeout ?: runtime.options.timeout
    private val maxRetries: Int = requestOptions?.maxRetries ?: runtime.options.maxRetries
    private val body: RequestBody? = args.body?.toRequestBody(args.contentType.toMediaType())
        // OkHttp requires a body for these methods; an operation whose body is optional sends an empty one.
        ?: if (operation.method in methodsWithBody) emptyBody else null
    private val credentials = runtime.credentialsFor(operation)
    private val bearer = credentials.filterIsInstance<BearerCredential>().firstOrNull()
    private val facts = runtime.facts

    suspend fun run(repeatable: Boolean): HttpAnswer {
        // Whether the last attempt carried a token fetched after the API said the one
        // before had expired. Another expiry for it means the provider hands out
        // expired tokens: stop. Any other answer means the API took the token, so a
        // later expiry (during a long retry wait, say) earns a refresh of its own.
        var refreshed = false
        var retries = 0
        while (true) {
            val token = bearer?.token()
            val request = request(token)
            runtime.log.at(LogLevel.DEBUG) { "${operation.method} ${operation.path} attempt ${retries + 1}" }
            var wait: Duration? = null
            val failure: ExpysException = try {
                val answer = send(request)
                if (answer.status in 200..299) return answer
                val error = apiErrorOf(answer.status, answer.headers, answer.body, facts, runtime.secrets)
                if (error.code.value == facts.refreshTokenCode && token != null && bearer.canRefresh && !refreshed) {
                    refreshed = true
                    runtime.log.at(LogLevel.INFO) { "${operation.path}: the token expired; asking for a new one" }
                    bearer.refresh(token)
                    continue
                }
                refreshed = false
                wait = parseRetryAfter(answer.headers["Retry-After"])
                val retry = shouldRetryStatus(error.status, error.code.value, facts.inProgressCode, repeatable)
                if (retries >= maxRetries || !retry || (wait != null && wait > runtime.options.maxRetryAfter)) throw error
                error
            } catch (e: ExpysConnectionException) {
                if (retries >= maxRetries || !repeatable) throw e
                e
            } catch (e: ExpysTimeoutException) {
                if (retries >= maxRetries || !repeatable) throw e
                e
            }
            retries += 1
            runtime.pause(operation, failure, retries, maxRetries, wait ?: runtime.options.backoff.delayFor(retries - 1))
            runtime.checkOpen()
        }
    }

    /** The request of one attempt: headers from the client, the call, the operation, then the SDK's own and the credentials. */
    private fun request(token: String?): Request {
        val headers = HeaderValues()
        for ((name, value) in runtime.options.headers) headers.set(name, value)
        requestOptions?.headers?.forEach { (name, value) -> headers.set(name, value) }
        for ((name, value) in args.headers) if (value != null) headers.set(name, value)
        facts.clientHeader?.let { headers.set(it, facts.clientId) }
        if (key != null) headers.set(operation.idempotencyHeader!!, key)
        for (credential in credentials) {
            when (credential) {
                is BearerCredential -> headers.set("Authorization", credential.authorization(token!!))
                is ApiKeyHeaderCredential -> headers.set(credential.name, credential.value)
                is BasicCredential -> headers.set("Authorization", credential.header)
            }
        }
        return Request.Builder().url(url).headers(headers.build()).method(operation.method, body).build()
    }

    /**
     * One attempt and the redirects it is sent. A 307 or 308 is followed with the same
     * method and body; a 301, 302 or 303 only for a read, because following one after a
     * write would turn it into a GET and return a read's body as the write's result. A
     * redirect to another origin drops every credential header.
     */
    private suspend fun send(first: Request): HttpAnswer {
        var request = first
        for (hop in 0..MAX_REDIRECTS) {
            val answer = attempt(request)
            val location = answer.headers["Location"]
            if (answer.status !in 300..399 || location == null) return answer
            val read = request.method == "GET" || request.method == "HEAD"
            if (answer.status != 307 && answer.status != 308 && !read) {
                throw redirectRefused(answer, "the server redirected a ${request.method} with ${answer.status}; a write is never repeated as a GET")
            }
            val target = request.url.resolve(location) ?: throw redirectRefused(answer, "the server redirected to an address that is not http(s)")
            val builder = request.newBuilder().url(target)
            if (!sameOrigin(request.url, target)) for (name in credentials.flatMap { it.headerNames } + "Cookie") builder.removeHeader(name)
            request = builder.build()
        }
        throw ExpysConnectionException("${operation.method} ${operation.path}: more than $MAX_REDIRECTS redirects", null)
    }

    private fun redirectRefused(answer: HttpAnswer, message: String): ExpysApiException {
        val error = apiErrorOf(answer.status, Headers.headersOf(), "", facts, runtime.secrets)
        return ExpysApiException(message, error.status, error.code, facts.requestIdHeader?.let(answer.headers::get), false, null, runtime.secrets.redact(answer.headers))
    }

    private suspend fun attempt(request: Request): HttpAnswer = try {
        runtime.http.answer(request, timeout, runtime.calls, runtime.timers, readSuccess)
            ?: throw ExpysTimeoutException("${operation.method} ${operation.path}: no whole answer within ${timeout.inWholeMilliseconds} ms")
    } catch (e: IOException) {
        throw failureOf(e, request.url)
    }

    private fun failureOf(e: IOException, target: HttpUrl): ExpysException {
        val where = "${operation.method} ${operation.path}"
        if (runtime.closed) return ExpysCancelledException("$where: the client was closed", e)
        // The HTTP client's own per-read or connect timeout, shorter than the call's.
        if (e is SocketTimeoutException || (e is InterruptedIOException && e.message == "timeout")) {
            return ExpysTimeoutException("$where: the connection to ${target.host}:${target.port} timed out (${e.message})", e)
        }
        return ExpysConnectionException("$where: the connection to ${target.host}:${target.port} failed (${runtime.secrets.redact(causeOf(e))})", e)
    }
}

private fun sameOrigin(a: HttpUrl, b: HttpUrl): Boolean = a.scheme == b.scheme && a.host == b.host && a.port == b.port

/**
 * What went wrong, from the exception and its causes: OkHttp's "Failed to connect to
 * /127.0.0.1:4010" wraps the socket's "Connection refused", and both help.
 */
internal fun causeOf(error: Throwable): String {
    val parts = LinkedHashSet<String>()
    var current: Throwable? = error
    while (current != null && parts.size < 4) {
        parts.add(listOfNotNull(current::class.simpleName, current.message).joinToString(": "))
        current.suppressed.forEach { parts.add(listOfNotNull(it::class.simpleName, it.message).joinToString(": ")) }
        current = current.cause?.takeIf { it !== current }
    }
    return parts.joinToString("; ")
}
