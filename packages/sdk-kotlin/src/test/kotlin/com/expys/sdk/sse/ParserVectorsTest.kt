package com.expys.sdk.sse

import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.int
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import kotlinx.serialization.json.long
import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.TestFactory
import java.io.File
import java.util.Base64
import kotlin.test.assertEquals
import kotlin.test.assertTrue

/**
 * The shared vectors of `conformance/sse-parser-vectors.json`, the same ones the
 * TypeScript parser passes: each fed whole, split in two at every byte, and one
 * byte at a time, since chunking must never change the result.
 */
class ParserVectorsTest {
    private val vectors: List<JsonObject> =
        Json.parseToJsonElement(File("../../conformance/sse-parser-vectors.json").readText()).jsonObject["vectors"]!!.jsonArray.map { it.jsonObject }

    private data class Result(val events: List<ServerSentEvent>, val retries: List<Long>, val comments: List<String>, val lastEventId: String?, val error: String?)

    private fun parse(chunks: List<ByteArray>, options: JsonObject?): Result {
        val events = ArrayList<ServerSentEvent>()
        val retries = ArrayList<Long>()
        val comments = ArrayList<String>()
        val parser = EventStreamParser(
            lastEventId = options?.get("lastEventId")?.takeUnless { it is JsonNull }?.jsonPrimitive?.content,
            maxEventSize = options?.get("maxEventSize")?.jsonPrimitive?.int ?: EventStreamParser.DEFAULT_MAX_EVENT_SIZE,
            onRetry = { retries.add(it) },
            onComment = { comments.add(it) },
        ) { events.add(it) }
        var error: String? = null
        for (chunk in chunks) {
            try {
                parser.feed(chunk)
            } catch (_: EventTooLargeException) {
                error = "event_too_large"
                break
            }
        }
        return Result(events, retries, comments, parser.lastEventId, error)
    }

    private fun expected(vector: JsonObject) = Result(
        events = vector["events"]!!.jsonArray.map {
            val event = it.jsonObject
            ServerSentEvent(event["event"]!!.jsonPrimitive.content, event["data"]!!.jsonPrimitive.content, event["id"]!!.takeUnless { id -> id is JsonNull }?.jsonPrimitive?.content)
        },
        retries = (vector["retries"] as? JsonArray)?.map { it.jsonPrimitive.long } ?: emptyList(),
        comments = (vector["comments"] as? JsonArray)?.map { it.jsonPrimitive.content } ?: emptyList(),
        lastEventId = vector["lastEventId"]!!.takeUnless { it is JsonNull }?.jsonPrimitive?.content,
        error = vector["error"]?.jsonPrimitive?.content,
    )

    private fun bytesOf(vector: JsonObject): ByteArray =
        vector["input"]?.jsonPrimitive?.content?.encodeToByteArray() ?: Base64.getDecoder().decode(vector["inputBase64"]!!.jsonPrimitive.content)

    @TestFactory
    fun `every vector gives its result however the input is cut`(): List<DynamicTest> {
        assertTrue(vectors.size >= 60, "the vectors file has ${vectors.size} vectors")
        return vectors.map { vector ->
            DynamicTest.dynamicTest(vector["rule"]!!.jsonPrimitive.content) {
                val bytes = bytesOf(vector)
                val options = vector["options"] as? JsonObject
                val want = expected(vector)
                assertEquals(want, parse(listOf(bytes), options), "whole")
                for (cut in 0..bytes.size) {
                    assertEquals(want, parse(listOf(bytes.copyOfRange(0, cut), bytes.copyOfRange(cut, bytes.size)), options), "cut at byte $cut")
                }
                assertEquals(want, parse(bytes.map { byteArrayOf(it) }, options), "one byte at a time")
            }
        }
    }
}
