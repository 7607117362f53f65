package com.expys.sdk

import com.expys.sdk.support.LogLines
import com.expys.sdk.support.Sandbox
import com.expys.sdk.support.clientFor
import com.expys.sdk.support.quickBackoff
import com.expys.sdk.support.test
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.launch
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestInstance
import java.net.ServerSocket
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertNotNull
import kotlin.test.assertTrue
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ErrorsTest {
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

    @Test
    fun `each API error carries its code, status, request id and retryability`() = test {
        val missing = assertFailsWith<ExpysApiException> { expys.listMessages("cnv_does_not_exist") }
        assertEquals(ErrorCode.NOT_FOUND, missing.code)
        assertEquals(404, missing.status)
        assertEquals(false, missing.retryable)
        assertNotNull(missing.requestId)
        assertEquals(listOf(missing.requestId), missing.headers["x-request-id"])

        val invalid = assertFailsWith<ExpysApiException> { expys.listMessages(sandbox.conversationId, limit = 1000) }
        assertEquals(ErrorCode.INVALID_REQUEST, invalid.code)
        assertEquals("limit", invalid.param)

        val forbidden = assertFailsWith<ExpysApiException> { expys.listConversations(externalUserID = "someone-else") }
        assertEquals(ErrorCode.FORBIDDEN, forbidden.code)
    }

    @Test
    fun `every code of the taxonomy arrives typed`() = test {
        for (code in ErrorCode.entries - ErrorCode.UNKNOWN) {
            sandbox.command("clearFaults")
            sandbox.fault("""{"operation":"listConversations","action":{"type":"status","status":${code.status},"code":"${code.value}","retryAfter":0}}""")
            val error = assertFailsWith<ExpysApiException> { expys.listConversations(options = RequestOptions(maxRetries = 0)) }
            assertEquals(code, error.code)
            assertEquals(code.status, error.status)
            assertEquals(code.retryable, error.retryable, code.value)
        }
        assertEquals(ErrorCode.UNKNOWN, ErrorCode.of("a_code_from_the_future"))
    }

    @Test
    fun `a slow answer ends in ExpysTimeoutException after the timeout, retries included`() = test {
        sandbox.fault("""{"operation":"listConversations","action":{"type":"latency","ms":30000}}""")
        val log = LogLines()
        val options = ClientOptions(timeout = 1.seconds, maxRetries = 1, backoff = quickBackoff, logger = log.logger, logLevel = LogLevel.DEBUG)
        clientFor(sandbox, options = options).use { quick ->
            val error = assertFailsWith<ExpysTimeoutException> { quick.listConversations() }
            assertTrue(error.message!!.contains("1000 ms"), error.message)
            assertEquals(2, log.lines.count { it.contains("/v1/conversations attempt") }, log.lines.toString())
        }
    }

    @Test
    fun `no server is an ExpysConnectionException naming the host and cause`() = test {
        val port = ServerSocket(0).use { it.localPort }
        ExpysClient(token = "t0ken-never-shown", environment = Environment.SANDBOX, baseUrl = "http://127.0.0.1:$port", options = ClientOptions(maxRetries = 1, backoff = quickBackoff, logLevel = LogLevel.OFF)).use { nowhere ->
            val error = assertFailsWith<ExpysConnectionException> { nowhere.listConversations() }
            assertTrue(error.message!!.contains("127.0.0.1:$port"), error.message)
            assertTrue(error.message!!.contains("ConnectException"), error.message)
            assertTrue(error.message!!.contains("refused", ignoreCase = true), error.message)
        }
    }

    @Test
    fun `cancelling a call's coroutine cancels it with CancellationException, and leaves nothing running`() = test {
        sandbox.fault("""{"operation":"listConversations","times":1,"action":{"type":"latency","ms":10000}}""")
        val call = launch(Dispatchers.Default, start = CoroutineStart.DEFAULT) { expys.listConversations() }
        kotlinx.coroutines.delay(300.milliseconds)
        call.cancelAndJoin()
        assertTrue(call.isCancelled)
        // The client works on, and the cancelled call did not block it.
        assertEquals(4, expys.listConversations().conversations.size)
    }

    @Test
    fun `closing the client fails its calls in flight and later ones with ExpysCancelledException`() = test {
        sandbox.fault("""{"operation":"listConversations","times":1,"action":{"type":"latency","ms":10000}}""")
        val client = clientFor(sandbox)
        val pending = async(Dispatchers.Default) { runCatching { client.listConversations() }.exceptionOrNull() }
        kotlinx.coroutines.delay(300.milliseconds)
        client.close()
        assertTrue(pending.await() is ExpysCancelledException, "got ${pending.await()}")
        assertFailsWith<ExpysCancelledException> { client.listConversations() }
    }

    @Test
    fun `no token reaches an error message or a log line`() = test(30.seconds) {
        val log = LogLines()
        val token = sandbox.mintToken()
        sandbox.fault("""{"operation":"listConversations","times":2,"action":{"type":"status","status":503,"retryAfter":0}}""")
        clientFor(sandbox, token = token, options = ClientOptions(logger = log.logger, logLevel = LogLevel.DEBUG, backoff = quickBackoff)).use { client ->
            client.listConversations()
            assertTrue(log.lines.any { it.contains("retry 1 of 2") }, log.lines.toString())
        }
        assertTrue(log.lines.none { it.contains(token) })
    }
}
