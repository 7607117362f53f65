package com.expys.sdk

import com.expys.sdk.support.Sandbox
import com.expys.sdk.support.clientFor
import com.expys.sdk.support.test
import kotlinx.coroutines.flow.collect
import kotlinx.serialization.json.int
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import mockwebserver3.MockResponse
import mockwebserver3.MockWebServer
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestInstance
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertNull
import kotlin.test.assertTrue
import kotlin.time.Duration.Companion.milliseconds

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityTest {
    private val sandbox = Sandbox()
    private val expys = clientFor(sandbox)

    @AfterAll
    fun close() {
        expys.close()
        sandbox.close()
    }

    private fun requestsSeen(): Int = sandbox.command("faultStats").jsonObject["total"]!!.jsonPrimitive.int

    @Test
    fun `dot segments and empty ids are refused before anything is sent`() = test {
        val before = sandbox.messages().size
        for (id in listOf("..", ".", "")) {
            val error = assertFailsWith<ExpysInvalidInputException> { expys.sendMessage(id, "never sent") }
            assertTrue(error.message!!.contains("path parameter id"), error.message)
            assertFailsWith<ExpysInvalidInputException> { expys.listMessages(id) }
            assertFailsWith<ExpysInvalidInputException> { expys.streamMessages(id).collect() }
        }
        assertEquals(before, sandbox.messages().size)
    }

    @Test
    fun `a slash or query in an id stays inside its segment`() = test {
        val error = assertFailsWith<ExpysApiException> { expys.listMessages("../conversations?x=1") }
        assertEquals(ErrorCode.NOT_FOUND, error.code, "the route did not change")
    }

    @Test
    fun `line breaks, NUL and characters outside Latin-1 in header values are refused, naming the header`() = test {
        for (key in listOf("a\r\nX-Injected: 1", "a\u0000b", "key-\u65e5\u672c")) {
            val error = assertFailsWith<ExpysInvalidInputException> { expys.sendMessage(sandbox.conversationId, "never", idempotencyKey = key) }
            assertTrue(error.message!!.contains("Idempotency-Key"), error.message)
            assertTrue(!error.message!!.contains(key))
        }
        assertFailsWith<ExpysInvalidInputException> { expys.streamMessages(sandbox.conversationId, lastEventID = "1\n2").collect() }
        assertFailsWith<ExpysInvalidInputException> { expys.streamMessages(sandbox.conversationId, lastEventID = "\ud83d\ude00").collect() }
        clientFor(sandbox, token = "tok\r\nen").use { broken ->
            val error = assertFailsWith<ExpysInvalidInputException> { broken.listConversations() }
            assertTrue(error.message!!.contains("Authorization"))
        }
        assertFailsWith<ExpysInvalidInputException> { expys.listConversations(options = RequestOptions(headers = mapOf("X-Mine" to "a\rb"))) }
    }

    @Test
    fun `a base URL without a scheme is refused when the client is made`() {
        val error = assertFailsWith<ExpysInvalidInputException> { ExpysClient(token = "t", environment = Environment.SANDBOX, baseUrl = "127.0.0.1:4010") }
        assertTrue(error.message!!.contains("http://"))
        assertFailsWith<ExpysInvalidInputException> { ClientOptions(maxRetries = -1) }
    }

    @Test
    fun `a password in the base URL never appears in an error`() = test {
        ExpysClient(token = "tok", environment = Environment.SANDBOX, baseUrl = "http://user:hunter2-secret@127.0.0.1:1").use { client ->
            val error = assertFailsWith<ExpysConnectionException> { client.listConversations(options = RequestOptions(maxRetries = 0)) }
            assertTrue(!error.toString().contains("hunter2-secret"), error.toString())
        }
    }

    @Test
    fun `a redirected POST is never repeated as a GET`() = test {
        MockWebServer().apply { start() }.use { server ->
            server.enqueue(MockResponse.Builder().code(302).addHeader("Location", "/v1/conversations").build())
            server.enqueue(MockResponse.Builder().body("""{"conversations":[]}""").build())
            ExpysClient(token = "tok", environment = Environment.SANDBOX, baseUrl = server.url("/").toString()).use { client ->
                val error = assertFailsWith<ExpysApiException> { client.sendMessage("cnv_1", "hello") }
                assertEquals(302, error.status)
                assertEquals(1, server.requestCount, "the redirect was not followed")
            }
        }
    }

    @Test
    fun `a redirect to another origin drops the credential`() = test {
        MockWebServer().apply { start() }.use { other ->
            MockWebServer().apply { start() }.use { first ->
                other.enqueue(MockResponse.Builder().body("""{"conversations":[]}""").build())
                first.enqueue(MockResponse.Builder().code(307).addHeader("Location", other.url("/elsewhere").toString()).build())
                val key = "sbx_org_secret_key_value"
                ExpysServerClient(orgApiKey = key, environment = Environment.SANDBOX, baseUrl = first.url("/").toString()).use { server ->
                    runCatching { server.exchangeToken() }
                }
                assertEquals(key, first.takeRequest().headers["Org-API-Key"])
                val followed = other.takeRequest()
                assertEquals("POST", followed.method, "a 307 keeps the method")
                assertNull(followed.headers["Org-API-Key"])
                assertNull(followed.headers["Authorization"])
            }
        }
    }

    @Test
    fun `a 408 is repeated by the SDK's retry policy only, never behind maxRetries by OkHttp`() = test {
        MockWebServer().apply { start() }.use { server ->
            server.enqueue(MockResponse.Builder().code(408).body("""{"code":"request_timeout","message":"slow","requestId":"r1","retryable":true}""").build())
            server.enqueue(MockResponse.Builder().body("""{"conversations":[]}""").build())
            ExpysClient(token = "tok", environment = Environment.SANDBOX, baseUrl = server.url("/").toString(), options = ClientOptions(maxRetries = 0)).use { client ->
                val error = assertFailsWith<ExpysApiException> { client.listConversations() }
                assertEquals(ErrorCode.REQUEST_TIMEOUT, error.code)
                assertEquals(1, server.requestCount)
            }
        }
    }

    @Test
    fun `a body that stalls ends in a timeout, not a hang`() = test {
        MockWebServer().apply { start() }.use { server ->
            server.enqueue(MockResponse.Builder().body("""{"conversations":[]}""").throttleBody(1, 1, java.util.concurrent.TimeUnit.SECONDS).build())
            ExpysClient(token = "tok", environment = Environment.SANDBOX, baseUrl = server.url("/").toString(), options = ClientOptions(timeout = 300.milliseconds, maxRetries = 0)).use { client ->
                assertFailsWith<ExpysTimeoutException> { client.listConversations() }
            }
        }
    }

    @Test
    fun `a success whose body is not the documented JSON is an ExpysResponseException`() = test {
        MockWebServer().apply { start() }.use { server ->
            server.enqueue(MockResponse.Builder().body("<html>hi</html>").build())
            server.enqueue(MockResponse.Builder().body("""{"conversations":[{"id":"c"}]}""").build())
            ExpysClient(token = "tok", environment = Environment.SANDBOX, baseUrl = server.url("/").toString()).use { client ->
                assertEquals(200, assertFailsWith<ExpysResponseException> { client.listConversations() }.status)
                assertFailsWith<ExpysResponseException> { client.listConversations() }
            }
        }
    }

    @Test
    fun `refused input sends nothing at all`() = test {
        val before = requestsSeen()
        assertFailsWith<ExpysInvalidInputException> { expys.sendMessage("..", "x") }
        assertFailsWith<ExpysInvalidInputException> { expys.sendMessage(sandbox.conversationId, "x", idempotencyKey = "a\nb") }
        assertEquals(before, requestsSeen())
    }
}
