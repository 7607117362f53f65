package com.expys.sdk.runtime

import com.expys.sdk.ApiResponse
import com.expys.sdk.ClientOptions
import com.expys.sdk.ExpysCancelledException
import com.expys.sdk.ExpysException
import com.expys.sdk.ExpysResponseException
import com.expys.sdk.LogLevel
import com.expys.sdk.RequestOptions
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.cancel
import kotlinx.coroutines.delay
import kotlinx.serialization.SerializationException
import kotlinx.serialization.json.Json
import okhttp3.Call
import okhttp3.Dispatcher
import okhttp3.HttpUrl
import okhttp3.OkHttpClient
import java.util.UUID
import java.util.concurrent.ConcurrentHashMap

/** The JSON of the API's bodies: unknown fields are ignored so the API can add some; optional fields left `null` are not sent. */
internal val apiJson: Json = Json {
    ignoreUnknownKeys = true
    encodeDefaults = false
}

/**
 * Everything behind one generated client: the base URL, credentials, retry and
 * timeout policy, logging and the HTTP clients. Generated methods describe a call
 * with an [Operation] and [CallArgs] and hand it here.
 */
internal class ApiRuntime(
    baseUrl: String,
    val facts: ApiFacts,
    val options: ClientOptions,
    credentials: Map<String, CredentialSpec?>,
    private val defaultSecurity: List<List<String>>,
) : AutoCloseable {
    val secrets = Secrets()
    val log = Log(options.logger, options.logLevel, secrets)
    val base: HttpUrl = parseBaseUrl(baseUrl).also {
        secrets.add(it.password)
    }

    /** Runs work no single call owns, such as a token fetch shared by many calls; close() cancels it. */
    val scope = CoroutineScope(SupervisorJob() + options.dispatcher)
    private val ownsHttpClient = options.httpClient == null

    /**
     * Redirects are followed here, not by OkHttp, which turns a redirected POST into a
     * GET and forwards credentials other than `Authorization` to any origin. Retries
     * are the SDK's alone: OkHttp would otherwise repeat a 408 or a request whose
     * connection failed on its own, outside `maxRetries`, without backoff or a log line.
     */
    val http: OkHttpClient = (options.httpClient?.newBuilder() ?: defaultHttpClient())
        .followRedirects(false)
        .followSslRedirects(false)
        .retryOnConnectionFailure(false)
        .build()

    private val streamClients = ConcurrentHashMap<Long, OkHttpClient>()

    /**
     * The client for streams with [idleTimeout]: no call timeout, and a read timeout of
     * the idle timeout, so a connection that stops sending even heartbeats is taken for
     * dead and resumed.
     */
    fun streamHttp(idleTimeout: kotlin.time.Duration?): OkHttpClient = streamClients.getOrPut(idleTimeout?.inWholeMilliseconds ?: 0) {
        http.newBuilder()
            .callTimeout(java.time.Duration.ZERO)
            .readTimeout(java.time.Duration.ofMillis(idleTimeout?.inWholeMilliseconds ?: 0))
            .build()
    }

    /** Where each attempt's whole-answer timeout is kept. */
    val timers: CallTimers = CallTimers.of(options.dispatcher)

    /** Every call in flight, so that close() can end them. */
    val calls: MutableSet<Call> = ConcurrentHashMap.newKeySet()

    @Volatile
    var closed: Boolean = false
        private set

    val auth: Map<String, Credential> = credentials.mapNotNull { (id, spec) -> spec?.let { id to credentialOf(it) } }.toMap()

    private fun credentialOf(spec: CredentialSpec): Credential = when (spec) {
        is CredentialSpec.Bearer -> BearerCredential(spec.token, spec.provider, scope, secrets)
        is CredentialSpec.ApiKeyHeader -> ApiKeyHeaderCredential(spec.name, spec.value, secrets)
        is CredentialSpec.Basic -> BasicCredential(spec.username, spec.password, secrets)
    }

    private val chosenCredentials = ConcurrentHashMap<Operation<*>, List<Credential>>()

    /** The credentials of the first security alternative this client can satisfy (once per operation). */
    fun credentialsFor(operation: Operation<*>): List<Credential> = chosenCredentials.getOrPut(operation) {
        val alternatives = operation.security ?: defaultSecurity
        alternatives.firstOrNull { alternative -> alternative.all { it in auth } }?.map { auth.getValue(it) } ?: emptyList()
    }

    /** Sends one call, with retries, token refresh and the idempotency key, and decodes its answer (on OkHttp's thread, see [answer]). */
    suspend fun <T> call(operation: Operation<T>, args: CallArgs, requestOptions: RequestOptions?): ApiResponse<T> {
        if (closed) throw ExpysCancelledException("the client is closed")
        val url = requestUrl(base, operation, args)
        val key = operation.idempotencyHeader?.let { args.idempotencyKey ?: UUID.randomUUID().toString() }
        val exchange = Exchange(this, operation, args, url, key, requestOptions) { decode(operation, it) }
        val answer = exchange.run(operation.repeatable)
        @Suppress("UNCHECKED_CAST")
        return ApiResponse(answer.value as T, facts.requestIdHeader?.let(answer.headers::get), answer.status) { secrets.redact(answer.headers) }
    }

    private fun <T> decode(operation: Operation<T>, answer: HttpAnswer): T {
        @Suppress("UNCHECKED_CAST")
        if (operation.textResponse) return answer.body as T
        val serializer = operation.response
        @Suppress("UNCHECKED_CAST")
        if (serializer == null) return Unit as T
        return try {
            apiJson.decodeFromString(serializer, answer.body)
        } catch (e: SerializationException) {
            throw unreadable(answer, e)
        } catch (e: IllegalArgumentException) {
            throw unreadable(answer, e)
        }
    }

    private fun unreadable(answer: HttpAnswer, cause: Exception) = ExpysResponseException(
        "the ${answer.status} answer's body is not the documented JSON: ${secrets.redact(cause.message ?: "").take(300)}",
        answer.status,
        facts.requestIdHeader?.let(answer.headers::get),
        cause,
    )

    /** A request body as the API's JSON. */
    fun <B> encode(serializer: kotlinx.serialization.KSerializer<B>, body: B): String = apiJson.encodeToString(serializer, body)

    /** Waits before a retry, logging why. */
    suspend fun pause(operation: Operation<*>, failure: ExpysException, retry: Int, of: Int, wait: kotlin.time.Duration) {
        log.at(LogLevel.INFO) { "${operation.method} ${operation.path} failed (${failure.message}); retry $retry of $of in ${wait.inWholeMilliseconds} ms" }
        delay(wait)
    }

    fun checkOpen() {
        if (closed) throw ExpysCancelledException("the client is closed")
    }

    override fun close() {
        if (closed) return
        closed = true
        scope.cancel()
        for (call in calls) call.cancel()
        if (ownsHttpClient) {
            http.dispatcher.executorService.shutdown()
            http.connectionPool.evictAll()
        }
    }

    internal companion object {
        /** OkHttp's default allows 5 calls per host at once; an app talks to one host, so allow as many as in all. */
        fun sharedFriendlyDispatcher(): Dispatcher = Dispatcher().apply { maxRequestsPerHost = maxRequests }

        /**
         * The client's own HTTP client. Reads and writes have no timeout of their own:
         * the call's timeout bounds the whole answer, and OkHttp's 10 s per read would
         * end a slow answer sooner than the caller asked for.
         */
        fun defaultHttpClient(): OkHttpClient.Builder = OkHttpClient.Builder()
            .dispatcher(sharedFriendlyDispatcher())
            .readTimeout(java.time.Duration.ZERO)
            .writeTimeout(java.time.Duration.ZERO)
    }
}
