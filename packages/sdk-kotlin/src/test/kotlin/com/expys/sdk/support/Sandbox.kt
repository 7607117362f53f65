package com.expys.sdk.support

import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.int
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import kotlinx.serialization.json.put
import java.io.BufferedReader
import java.io.File
import java.io.Writer
import java.util.concurrent.TimeUnit

/**
 * A real sandbox (`@expys/sandbox`, built) in a Node process on a free port, with
 * its test controls reachable from Kotlin through `src/test/node/sandbox-driver.mjs`.
 * Requires `node` on PATH (npm scripts put the repository's pinned Node first).
 */
class Sandbox(options: JsonObject = JsonObject(emptyMap())) : AutoCloseable {
    private val process: Process = ProcessBuilder("node", File("src/test/node/sandbox-driver.mjs").absolutePath, options.toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start()
    private val output: BufferedReader = process.inputStream.bufferedReader()
    private val input: Writer = process.outputStream.bufferedWriter()
    private var nextId = 1
    private val fields: JsonObject = Json.parseToJsonElement(output.readLine() ?: error("the sandbox exited before it was ready")).jsonObject

    val baseUrl: String = fields.string("baseUrl")
    val orgApiKey: String = fields.string("orgApiKey")
    val externalUserID: String = fields.string("externalUserID")
    val memberToken: String = fields.string("memberToken")
    val conversationId: String = fields.string("conversationId")

    @Synchronized
    fun command(op: String, vararg args: JsonElement): JsonElement {
        val id = nextId++
        input.write(buildJsonObject { put("id", id); put("op", op); put("args", JsonArray(args.toList())) }.toString() + "\n")
        input.flush()
        val answer = Json.parseToJsonElement(output.readLine() ?: error("the sandbox exited")).jsonObject
        answer["error"]?.let { error("sandbox $op: ${it.jsonPrimitive.content}") }
        return answer["result"] ?: JsonNull
    }

    /** Adds a fault rule (see the sandbox README); returns its handle. */
    fun fault(rule: String): Int = command("addFault", Json.parseToJsonElement(rule)).jsonPrimitive.int

    fun injected(fault: Int): Int = command("faultInjected", Json.parseToJsonElement(fault.toString())).jsonPrimitive.int

    fun messages(conversationId: String = this.conversationId): JsonArray = command("messages", str(conversationId)).jsonArray

    fun conversations(externalUserID: String = this.externalUserID): JsonArray = command("conversations", str(externalUserID)).jsonArray

    fun openStreams(conversationId: String? = null): Int = command("openStreams", conversationId?.let(::str) ?: JsonNull).jsonPrimitive.int

    fun mintToken(externalUserID: String? = this.externalUserID, ttlMs: Long? = null): String = command(
        "mintToken",
        buildJsonObject {
            externalUserID?.let { put("externalUserID", it) }
            ttlMs?.let { put("ttlMs", it) }
        },
    ).jsonPrimitive.content

    fun createConversation(externalUserID: String, messages: Int): String =
        command("createConversation", str(externalUserID), buildJsonObject { put("messages", messages) }).jsonObject.string("id")

    fun postAsAgent(conversationId: String, body: String): JsonObject = command("postAsAgent", str(conversationId), str(body)).jsonObject

    override fun close() {
        input.close()
        if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly()
    }

    private companion object {
        fun str(value: String): JsonElement = kotlinx.serialization.json.JsonPrimitive(value)
        fun JsonObject.string(name: String): String = getValue(name).jsonPrimitive.content
    }
}
