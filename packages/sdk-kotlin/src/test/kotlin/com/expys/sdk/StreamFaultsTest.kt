package com.expys.sdk

import com.expys.sdk.support.quickBackoff
import com.expys.sdk.support.test
import kotlinx.coroutines.flow.collect
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import mockwebserver3.MockResponse
import mockwebserver3.MockWebServer
import org.junit.jupiter.api.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertTrue
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds

/** Stream answers a real server does not give: MockWebServer scripts them. */
class StreamFaultsTest {
    private val message = """{"id":"msg_1","type":"text","authorID":"concierge","body":"hi","createdAt":"2026-12-01T00:00:00Z"}"""

    private fun events(body: String) = MockResponse.Builder().addHeader("Content-Type", "text/event-stream").body(body).build()

    private fun client(server: MockWebServer, options: ClientOptions) =
        ExpysClient(token = "tok", environment = Environment.SANDBOX, baseUrl = server.url("/").toString(), options = options)

    @Test
    fun `a retry hint of 23 days waits no longer than maxRetryAfter`() = test(30.seconds) {
        MockWebServer().apply { start() }.use { server ->
            server.enqueue(events("retry: 2000000000\n\n"))
            server.enqueue(events("id: msg_1\nevent: message\ndata: $message\n\n"))
            client(server, ClientOptions(maxRetryAfter = 200.milliseconds, backoff = quickBackoff, logLevel = LogLevel.OFF)).use { expys ->
                assertEquals(listOf("msg_1"), expys.streamMessages("cnv_1").take(1).toList().map { it.id })
            }
        }
    }

    @Test
    fun `a reconnect resumes after the last event with Last-Event-ID, sent as UTF-8 for a non-ASCII id`() = test(30.seconds) {
        MockWebServer().apply { start() }.use { server ->
            server.enqueue(events("retry: 0\nid: 日本\nevent: message\ndata: $message\n\n"))
            server.enqueue(events("id: 2\nevent: message\ndata: ${message.replace("msg_1", "msg_2")}\n\n"))
            client(server, ClientOptions(backoff = quickBackoff, logLevel = LogLevel.OFF)).use { expys ->
                assertEquals(listOf("msg_1", "msg_2"), expys.streamMessages("cnv_1").take(2).toList().map { it.id })
            }
            assertEquals(null, server.takeRequest().headers["Last-Event-ID"])
            val resumed = server.takeRequest()
            assertEquals("日本", resumed.headers["Last-Event-ID"])
            assertEquals("text/event-stream", resumed.headers["Accept"])
        }
    }

    @Test
    fun `a 200 that is not an event stream ends the flow with ExpysResponseException`() = test(30.seconds) {
        MockWebServer().apply { start() }.use { server ->
            server.enqueue(MockResponse.Builder().addHeader("Content-Type", "text/html").body("<html>proxy</html>").build())
            client(server, ClientOptions(backoff = quickBackoff, logLevel = LogLevel.OFF)).use { expys ->
                val error = assertFailsWith<ExpysResponseException> { expys.streamMessages("cnv_1").collect() }
                assertTrue(error.message!!.contains("text/html"), error.message)
            }
        }
    }

    @Test
    fun `an event whose data is not the documented JSON ends the flow after the good ones`() = test(30.seconds) {
        val good = (1..3).joinToString("") { "event: message\ndata: ${message.replace("msg_1", "msg_$it")}\n\n" }
        // The good events are still buffered when the bad one fails the stream: a failure that cancelled
        // the buffer instead of closing it lost them in about half the runs, so twenty runs catch it.
        repeat(20) { run ->
            MockWebServer().apply { start() }.use { server ->
                server.enqueue(events(good + "event: message\ndata: {not json\n\n"))
                client(server, ClientOptions(backoff = quickBackoff, logLevel = LogLevel.OFF)).use { expys ->
                    val received = ArrayList<String>()
                    assertFailsWith<ExpysResponseException> { expys.streamMessages("cnv_1").collect { received += it.id } }
                    assertEquals(listOf("msg_1", "msg_2", "msg_3"), received, "run ${run + 1}")
                }
            }
        }
    }

    @Test
    fun `reconnects that deliver nothing end the flow after maxStreamReconnects`() = test(30.seconds) {
        MockWebServer().apply { start() }.use { server ->
            repeat(4) { server.enqueue(events(": heartbeat\n\n")) }
            client(server, ClientOptions(maxStreamReconnects = 2, backoff = quickBackoff, logLevel = LogLevel.OFF)).use { expys ->
                val error = assertFailsWith<ExpysConnectionException> { expys.streamMessages("cnv_1").collect() }
                assertTrue(error.message!!.contains("2 reconnects"), error.message)
                assertEquals(3, server.requestCount)
            }
        }
    }
}
