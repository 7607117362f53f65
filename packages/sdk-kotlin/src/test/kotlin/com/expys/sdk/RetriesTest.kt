package com.expys.sdk

import com.expys.sdk.support.Sandbox
import com.expys.sdk.support.clientFor
import com.expys.sdk.support.quickBackoff
import com.expys.sdk.support.test
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestInstance
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertTrue
import kotlin.time.Duration.Companion.seconds

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RetriesTest {
    private val sandbox = Sandbox()
    private val expys = clientFor(sandbox)

    @AfterEach
    fun clear() {
        sandbox.command("clearFaults")
    }

    @AfterAll
    fun close() {
        expys.close()
        sandbox.close()
    }

    private fun bodies(): List<String?> = sandbox.messages().map { it.jsonObject["body"]?.jsonPrimitive?.content }

    @Test
    fun `a send whose answer is lost is retried with the same key and stored once`() = test {
        val lost = sandbox.fault("""{"operation":"sendMessage","times":1,"action":{"type":"drop","when":"after"}}""")
        val sent = expys.withResponse.sendMessage(sandbox.conversationId, "lost answer")
        assertTrue(sent.data.ok)
        assertEquals("true", sent.headers["idempotent-replayed"]?.single(), "the retry was replayed, not posted again")
        assertEquals(1, sandbox.injected(lost))
        assertEquals(1, bodies().count { it == "lost answer" })
    }

    @Test
    fun `a send lost before the server is retried and stored once`() = test {
        sandbox.fault("""{"operation":"sendMessage","times":2,"action":{"type":"drop","when":"before"}}""")
        assertTrue(expys.sendMessage(sandbox.conversationId, "lost request").ok)
        assertEquals(1, bodies().count { it == "lost request" })
    }

    @Test
    fun `a write without an idempotency key is repeated only when the server cannot have acted on it`() = test {
        ExpysServerClient(sandbox.orgApiKey, Environment.SANDBOX, sandbox.baseUrl, ClientOptions(backoff = quickBackoff, logLevel = LogLevel.OFF)).use { server ->
            // The 503 without Retry-After: OkHttp itself repeats, once, a 503 that says Retry-After: 0.
            for ((action, attempts) in listOf("""{"type":"status","status":500}""" to 1, """{"type":"status","status":503}""" to 3)) {
                val fault = sandbox.fault("""{"operation":"exchangeToken","action":$action}""")
                assertFailsWith<ExpysApiException> { server.exchangeToken() }
                assertEquals(attempts, sandbox.injected(fault), action)
                sandbox.command("clearFaults")
            }
        }
    }

    @Test
    fun `the caller's own idempotency key makes a repeat a replay`() = test {
        val key = "caller-key-${System.nanoTime()}"
        val first = expys.withResponse.sendMessage(sandbox.conversationId, "keyed", idempotencyKey = key)
        val again = expys.withResponse.sendMessage(sandbox.conversationId, "keyed", idempotencyKey = key)
        assertEquals(null, first.headers["idempotent-replayed"])
        assertEquals(listOf("true"), again.headers["idempotent-replayed"])
        assertEquals(1, bodies().count { it == "keyed" })
        val conflict = assertFailsWith<ExpysApiException> { expys.sendMessage(sandbox.conversationId, "other body", idempotencyKey = key) }
        assertEquals(ErrorCode.IDEMPOTENCY_CONFLICT, conflict.code)
        assertEquals(false, conflict.retryable)
    }

    @Test
    fun `503 and 429 with Retry-After are retried, and the call succeeds`() = test {
        val outage = sandbox.fault("""{"operation":"listConversations","times":1,"action":{"type":"status","status":503,"retryAfter":0}}""")
        val limited = sandbox.fault("""{"operation":"listConversations","times":1,"action":{"type":"status","status":429,"retryAfter":1}}""")
        assertEquals(4, expys.listConversations().conversations.size)
        assertEquals(1, sandbox.injected(outage))
        assertEquals(1, sandbox.injected(limited))
    }

    @Test
    fun `a Retry-After beyond maxRetryAfter ends the call at once with the error`() = test(timeout = 20.seconds) {
        sandbox.fault("""{"operation":"listConversations","times":1,"action":{"type":"status","status":503,"retryAfter":3600}}""")
        val error = assertFailsWith<ExpysApiException> { expys.listConversations() }
        assertEquals(ErrorCode.SERVICE_UNAVAILABLE, error.code)
        assertEquals(503, error.status)
        assertTrue(error.retryable)
        assertEquals(listOf("3600"), error.headers["retry-after"])
    }

    @Test
    fun `retries stop after maxRetries, and non-retryable errors are not repeated`() = test {
        val always = sandbox.fault("""{"operation":"listConversations","action":{"type":"status","status":500}}""")
        val error = assertFailsWith<ExpysApiException> { expys.listConversations() }
        assertEquals(ErrorCode.INTERNAL_ERROR, error.code)
        assertEquals(3, sandbox.injected(always), "two retries, three attempts")
        sandbox.command("clearFaults")
        val once = sandbox.fault("""{"operation":"listConversations","action":{"type":"status","status":403}}""")
        assertFailsWith<ExpysApiException> { expys.listConversations(options = RequestOptions(maxRetries = 5)) }
        assertEquals(1, sandbox.injected(once))
    }

    @Test
    fun `a gateway's HTML page is not the API's error, yet its status is retried`() = test {
        val gateway = sandbox.fault("""{"operation":"listConversations","action":{"type":"gateway","status":502}}""")
        val error = assertFailsWith<ExpysApiException> { clientFor(sandbox, options = ClientOptions(maxRetries = 1, backoff = quickBackoff, logLevel = LogLevel.OFF)).use { it.listConversations() } }
        assertEquals(ErrorCode.UNKNOWN, error.code)
        assertEquals(502, error.status)
        assertEquals(2, sandbox.injected(gateway))
        sandbox.command("clearFaults")
        sandbox.fault("""{"operation":"sendMessage","times":1,"action":{"type":"gateway","status":409}}""")
        val proxy409 = assertFailsWith<ExpysApiException> { expys.sendMessage(sandbox.conversationId, "behind a proxy") }
        assertEquals(ErrorCode.UNKNOWN, proxy409.code, "a proxy's 409 page is not idempotency_conflict")
    }

    @Test
    fun `many concurrent sends through lost answers are each stored exactly once`() = test {
        sandbox.fault("""{"operation":"sendMessage","probability":0.3,"action":{"type":"drop","when":"after"}}""")
        val texts = (1..40).map { "concurrent $it" }
        val results = texts.map { text -> async { runCatching { expys.sendMessage(sandbox.conversationId, text) } } }.awaitAll()
        val stored = bodies()
        for ((text, result) in texts.zip(results)) {
            val count = stored.count { it == text }
            if (result.isSuccess) assertEquals(1, count, "$text was sent ok") else assertTrue(count <= 1, "$text stored at most once")
        }
    }
}
