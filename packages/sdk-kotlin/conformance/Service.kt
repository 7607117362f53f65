package com.expys.conformance

import com.expys.sdk.ExpysException
import com.expys.sdk.SDK_VERSION
import com.sun.net.httpserver.HttpExchange
import com.sun.net.httpserver.HttpServer
import kotlinx.coroutines.runBlocking
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put
import kotlinx.serialization.json.Json
import java.net.InetSocketAddress
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.Executors
import java.util.concurrent.atomic.AtomicInteger
import kotlin.system.exitProcess

/**
 * The Kotlin SDK's conformance service (packages/conformance/README.md): an HTTP
 * server on 127.0.0.1 that drives `com.expys:expys-sdk` through its public API, as an
 * app would, for the scenario suite.
 */
class Service {
    private val clients = ConcurrentHashMap<String, ClientSession>()
    private val nextClient = AtomicInteger()
    private val server: HttpServer = HttpServer.create(InetSocketAddress("127.0.0.1", 0), 0).apply {
        executor = Executors.newCachedThreadPool { Thread(it, "conformance-http").apply { isDaemon = true } }
        createContext("/") { exchange -> handle(exchange) }
    }

    val url: String get() = "http://127.0.0.1:${server.address.port}"

    fun start() = server.start()

    private fun handle(exchange: HttpExchange) {
        val (status, body) = try {
            route(exchange.requestMethod, exchange.requestURI.path.trimEnd('/').split('/').drop(1), exchange)
        } catch (e: ProtocolException) {
            e.status to buildJsonObject { put("error", buildJsonObject { put("message", e.message) }) }
        }
        exchange.responseHeaders.add("Content-Type", "application/json")
        if (body == null) {
            exchange.sendResponseHeaders(status, -1)
        } else {
            val bytes = body.toString().toByteArray()
            exchange.sendResponseHeaders(status, bytes.size.toLong())
            exchange.responseBody.use { it.write(bytes) }
        }
        exchange.close()
        if (exchange.requestMethod == "DELETE" && exchange.requestURI.path.trimEnd('/').isEmpty()) shutdown()
    }

    private fun route(method: String, path: List<String>, exchange: HttpExchange): Pair<Int, JsonElement?> = runBlocking {
        val session = { id: String -> clients[id] ?: throw ProtocolException(404, "no client $id") }
        when {
            method == "GET" && path.isEmpty() -> 200 to about()
            method == "DELETE" && path.isEmpty() -> 204 to null
            method == "POST" && path == listOf("clients") -> createClient(body(exchange))
            method == "GET" && path.size == 2 && path[0] == "clients" -> 200 to session(path[1]).status()
            method == "DELETE" && path.size == 2 && path[0] == "clients" -> {
                session(path[1]).close()
                clients.remove(path[1])
                204 to null
            }
            method == "POST" && path.size == 3 && path[2] == "calls" -> {
                val request = body(exchange)
                val operation = request.string("operation") ?: throw ProtocolException(400, "operation is required")
                val params = request["params"] as? JsonObject ?: JsonObject(emptyMap())
                200 to session(path[1]).call(operation, params, request.string("callId"))
            }
            method == "DELETE" && path.size == 4 && path[2] == "calls" ->
                if (session(path[1]).cancelCall(path[3])) 204 to null else throw ProtocolException(404, "no call ${path[3]} is running")
            method == "POST" && path.size == 3 && path[2] == "streams" -> 201 to buildJsonObject { put("id", session(path[1]).startStream(body(exchange))) }
            method == "DELETE" && path.size == 4 && path[2] == "streams" ->
                if (session(path[1]).stopStream(path[3])) 204 to null else throw ProtocolException(404, "no stream ${path[3]}")
            else -> throw ProtocolException(404, "no route $method /${path.joinToString("/")}")
        }
    }

    private fun about(): JsonObject = buildJsonObject {
        put("sdk", "kotlin")
        put("sdkVersion", SDK_VERSION)
        put(
            "capabilities",
            JsonArray(
                listOf("listConversations", "listMessages", "sendMessage", "listAllMessages", "streamMessages", "tokenUrl", "maxRetries", "timeoutMs", "cancelCall")
                    .map(::JsonPrimitive),
            ),
        )
        put("runtime", "jvm ${System.getProperty("java.version")}")
    }

    private fun createClient(config: JsonObject): Pair<Int, JsonElement> {
        val id = "c${nextClient.incrementAndGet()}"
        return try {
            clients[id] = ClientSession(id, config)
            201 to buildJsonObject { put("id", id) }
        } catch (e: ExpysException) {
            400 to buildJsonObject { put("ok", false); put("error", errorReport(e)) }
        }
    }

    private fun body(exchange: HttpExchange): JsonObject = try {
        Json.parseToJsonElement(exchange.requestBody.readBytes().decodeToString()) as? JsonObject ?: throw ProtocolException(400, "the body must be a JSON object")
    } catch (e: IllegalArgumentException) {
        throw ProtocolException(400, "the body is not JSON")
    }

    fun shutdown() {
        runBlocking { clients.values.forEach { it.close() } }
        server.stop(0)
        exitProcess(0)
    }
}

fun main() {
    val service = Service()
    service.start()
    println("""{"url":"${service.url}"}""")
    System.out.flush()
}
