package com.expys.conformance

import com.expys.sdk.ClientOptions
import com.expys.sdk.Environment
import com.expys.sdk.ExpysClient
import com.expys.sdk.ExpysLogger
import com.expys.sdk.ListConversationsResponse
import com.expys.sdk.ListMessagesResponse
import com.expys.sdk.LogLevel
import com.expys.sdk.Message
import com.expys.sdk.SendMessageResponse
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.Job
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext
import kotlinx.serialization.builtins.ListSerializer
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.intOrNull
import kotlinx.serialization.json.put
import okhttp3.MediaType.Companion.toMediaType
import okhttp3.OkHttpClient
import okhttp3.Request
import okhttp3.RequestBody.Companion.toRequestBody
import java.io.IOException
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.atomic.AtomicInteger
import kotlin.time.Duration.Companion.milliseconds

/** An HTTP client of the service's own, for token URLs and callbacks: not the SDK's, so not counted. */
val serviceHttp: OkHttpClient = OkHttpClient()

private val stderrLogger = ExpysLogger { level, message -> System.err.println("$level $message") }

/** One SDK client made for the harness, with everything it has running counted. */
class ClientSession(val id: String, config: JsonObject) {
    private val timers = AtomicInteger()
    private val exchanges = ExchangeCounter()
    private val dispatcher = CountingDispatcher(Dispatchers.IO, timers)
    private val scope = CoroutineScope(SupervisorJob() + dispatcher)
    private val calls = ConcurrentHashMap<String, Job>()
    private val anonymousCalls = AtomicInteger()
    private val streams = ConcurrentHashMap<String, Job>()

    /** Every stream id handed out, running or ended: stopping one that already ended is fine. */
    private val streamIds = ConcurrentHashMap.newKeySet<String>()
    private var nextStream = 0

    private val sdk: ExpysClient = run {
        val options = ClientOptions(
            maxRetries = config.int("maxRetries") ?: 2,
            timeout = config.int("timeoutMs")?.milliseconds ?: ClientOptions().timeout,
            logger = stderrLogger,
            logLevel = LogLevel.WARN,
            httpClient = OkHttpClient.Builder().eventListener(exchanges).build(),
            dispatcher = dispatcher,
        )
        val baseUrl = config.string("baseUrl") ?: throw ProtocolException(400, "baseUrl is required")
        val tokenUrl = config.string("tokenUrl")
        if (tokenUrl != null) {
            ExpysClient(tokenProvider = { fetchToken(tokenUrl) }, environment = Environment.SANDBOX, baseUrl = baseUrl, options = options)
        } else {
            ExpysClient(token = config.string("token") ?: "", environment = Environment.SANDBOX, baseUrl = baseUrl, options = options)
        }
    }

    fun status(): JsonObject = buildJsonObject {
        put("id", id)
        put("openConnections", exchanges.open.get())
        put("timers", timers.get())
        put("streams", streams.size)
        put("calls", calls.size + anonymousCalls.get())
    }

    /** Makes one call and reports what the SDK returned or threw. */
    suspend fun call(operation: String, params: JsonObject, callId: String?): JsonObject {
        val deferred = kotlinx.coroutines.CompletableDeferred<JsonObject>()
        val running = scope.launch {
            deferred.complete(
                try {
                    buildJsonObject { put("ok", true); put("result", invoke(operation, params)) }
                } catch (e: ProtocolException) {
                    throw e
                } catch (e: Throwable) {
                    buildJsonObject { put("ok", false); put("error", errorReport(e)) }
                },
            )
        }
        if (callId != null) calls[callId] = running else anonymousCalls.incrementAndGet()
        running.invokeOnCompletion { failure ->
            if (callId != null) calls.remove(callId, running) else anonymousCalls.decrementAndGet()
            if (!deferred.isCompleted) {
                if (failure is ProtocolException) deferred.completeExceptionally(failure)
                else deferred.complete(buildJsonObject { put("ok", false); put("error", errorReport(failure ?: IllegalStateException("the call ended without a result"))) })
            }
        }
        return deferred.await()
    }

    private suspend fun invoke(operation: String, params: JsonObject): JsonElement {
        val conversationId = { params.string("conversationId") ?: throw ProtocolException(400, "conversationId is required") }
        return when (operation) {
            "listConversations" -> json.encodeToJsonElement(ListConversationsResponse.serializer(), sdk.listConversations(params.string("externalUserID")))
            "listMessages" -> json.encodeToJsonElement(
                ListMessagesResponse.serializer(),
                sdk.listMessages(conversationId(), params.int("limit"), params.string("cursor"), params.string("externalUserID")),
            )
            "sendMessage" -> json.encodeToJsonElement(
                SendMessageResponse.serializer(),
                sdk.sendMessage(
                    conversationId(),
                    params.string("message") ?: throw ProtocolException(400, "message is required"),
                    params.string("idempotencyKey"),
                    params.string("externalUserID"),
                ),
            )
            "listAllMessages" -> json.encodeToJsonElement(
                ListSerializer(Message.serializer()),
                sdk.listAllMessages(conversationId(), params.int("limit"), params.string("externalUserID")).toList(),
            )
            else -> throw ProtocolException(400, "unknown operation $operation")
        }
    }

    suspend fun cancelCall(callId: String): Boolean {
        val job = calls[callId] ?: return false
        job.cancelAndJoin()
        return true
    }

    /** Starts collecting the SDK's stream, posting each message, the error or the end to the callback URL in order. */
    fun startStream(params: JsonObject): String {
        val callbackUrl = params.string("callbackUrl")?.trimEnd('/') ?: throw ProtocolException(400, "callbackUrl is required")
        val conversationId = params.string("conversationId") ?: throw ProtocolException(400, "conversationId is required")
        val streamId = "s${++nextStream}"
        val job = scope.launch(start = kotlinx.coroutines.CoroutineStart.LAZY) {
            var sequence = 0
            val post: suspend (JsonObject) -> Unit = { body -> deliver("$callbackUrl/${++sequence}", body) }
            val end = try {
                sdk.streamMessages(conversationId, params.string("externalUserID"), params.string("lastEventID")).collect { message ->
                    post(buildJsonObject { put("kind", "message"); put("message", json.encodeToJsonElement(Message.serializer(), message)) })
                }
                buildJsonObject { put("kind", "end") }
            } catch (e: kotlinx.coroutines.CancellationException) {
                throw e
            } catch (e: CallbackFailed) {
                return@launch
            } catch (e: Throwable) {
                buildJsonObject { put("kind", "error"); put("error", errorReport(e)) }
            }
            runCatching { post(end) }
        }
        streams[streamId] = job
        streamIds.add(streamId)
        job.invokeOnCompletion { streams.remove(streamId, job) }
        job.start()
        return streamId
    }

    suspend fun stopStream(streamId: String): Boolean {
        streams[streamId]?.cancelAndJoin()
        return streamId in streamIds
    }

    /** Stops every stream and call, then closes the SDK client. */
    suspend fun close() {
        (streams.values + calls.values).forEach { it.cancel() }
        scope.coroutineContext[Job]!!.children.forEach { it.cancelAndJoin() }
        sdk.close()
    }

    private suspend fun fetchToken(url: String): String = withContext(Dispatchers.IO) {
        serviceHttp.newCall(Request.Builder().url(url).build()).execute().use { response ->
            if (!response.isSuccessful) throw IOException("the token URL answered ${response.code}")
            response.body.string()
        }
    }

    private suspend fun deliver(url: String, body: JsonObject) = withContext(Dispatchers.IO) {
        try {
            serviceHttp.newCall(Request.Builder().url(url).post(body.toString().toRequestBody(jsonType)).build()).execute().use { response ->
                if (!response.isSuccessful) throw CallbackFailed()
            }
        } catch (_: IOException) {
            throw CallbackFailed()
        }
    }

    private class CallbackFailed : Exception()

    companion object {
        val json = Json { encodeDefaults = true; explicitNulls = true }
        private val jsonType = "application/json".toMediaType()
    }
}

fun JsonObject.string(name: String): String? = (get(name) as? JsonPrimitive)?.takeIf { it.isString }?.content

fun JsonObject.int(name: String): Int? {
    val value = get(name) as? JsonPrimitive ?: return null
    if (value is kotlinx.serialization.json.JsonNull) return null
    if (value.isString) throw ProtocolException(400, "$name must be a number")
    return value.intOrNull ?: throw ProtocolException(400, "$name must be a whole number")
}
