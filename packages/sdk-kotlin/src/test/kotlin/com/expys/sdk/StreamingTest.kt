package com.expys.sdk

import com.expys.sdk.support.Sandbox
import com.expys.sdk.support.clientFor
import com.expys.sdk.support.eventually
import com.expys.sdk.support.test
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.flow.collect
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.launch
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import org.junit.jupiter.api.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertTrue

class StreamingTest {
    private fun Sandbox.ids(conversationId: String = this.conversationId): List<String> = messages(conversationId).map { it.jsonObject["id"]!!.jsonPrimitive.content }

    @Test
    fun `take 5 delivers the next five messages in order, then the sandbox sees the connection close`() = Sandbox().use { sandbox ->
        clientFor(sandbox).use { expys ->
            test {
                val received = async(Dispatchers.Default) { expys.streamMessages(sandbox.conversationId).take(5).toList() }
                eventually(what = "the stream is open") { sandbox.openStreams(sandbox.conversationId) == 1 }
                val posted = (1..7).map { sandbox.postAsAgent(sandbox.conversationId, "live $it")["id"]!!.jsonPrimitive.content }
                assertEquals(posted.take(5), received.await().map { it.id })
                eventually(what = "the sandbox sees the stream closed") { sandbox.openStreams() == 0 }
            }
        }
    }

    @Test
    fun `cancelling the collecting coroutine closes the socket at once, even while it waits for bytes`() = Sandbox().use { sandbox ->
        clientFor(sandbox).use { expys ->
            test {
                val job = launch(Dispatchers.Default) { expys.streamMessages(sandbox.conversationId).collect() }
                eventually(what = "the stream is open") { sandbox.openStreams() == 1 }
                job.cancelAndJoin()
                eventually(what = "the sandbox sees the close") { sandbox.openStreams() == 0 }
            }
        }
    }

    @Test
    fun `each collector opens its own connection, the flow is cold`() = Sandbox().use { sandbox ->
        clientFor(sandbox).use { expys ->
            test {
                val flow = expys.streamMessages(sandbox.conversationId)
                assertEquals(0, sandbox.openStreams(), "making the flow connects nothing")
                val first = async(Dispatchers.Default) { flow.take(1).toList() }
                val second = async(Dispatchers.Default) { flow.take(2).toList() }
                eventually(what = "two streams are open") { sandbox.openStreams() == 2 }
                val posted = (1..2).map { sandbox.postAsAgent(sandbox.conversationId, "m$it")["id"]!!.jsonPrimitive.content }
                assertEquals(posted.take(1), first.await().map { it.id })
                assertEquals(posted, second.await().map { it.id })
            }
        }
    }

    @Test
    fun `a stream cut after every two messages reconnects with Last-Event-ID and delivers each message once, in order`() = Sandbox().use { sandbox ->
        clientFor(sandbox).use { expys ->
            test {
                sandbox.fault("""{"operation":"streamMessages","action":{"type":"cutStream","afterEvents":2}}""")
                val received = async(Dispatchers.Default) { expys.streamMessages(sandbox.conversationId).take(9).toList() }
                eventually(what = "the stream is open") { sandbox.openStreams() == 1 }
                val posted = (1..9).map { sandbox.postAsAgent(sandbox.conversationId, "cut $it")["id"]!!.jsonPrimitive.content }
                assertEquals(posted, received.await().map { it.id })
            }
        }
    }

    @Test
    fun `a resume with lastEventID replays everything posted after it`() = Sandbox().use { sandbox ->
        clientFor(sandbox).use { expys ->
            test {
                val ids = sandbox.ids()
                val from = ids[ids.size - 31]
                val replay = expys.streamMessages(sandbox.conversationId, lastEventID = from).take(30).toList()
                assertEquals(ids.takeLast(30), replay.map { it.id })
            }
        }
    }

    @Test
    fun `closing the client ends its streams with ExpysCancelledException`() = Sandbox().use { sandbox ->
        val expys = clientFor(sandbox)
        test {
            val failure = async(Dispatchers.Default, start = CoroutineStart.DEFAULT) {
                runCatching { expys.streamMessages(sandbox.conversationId).collect() }.exceptionOrNull()
            }
            eventually(what = "the stream is open") { sandbox.openStreams() == 1 }
            expys.close()
            assertTrue(failure.await() is ExpysCancelledException, "got ${failure.await()}")
            eventually(what = "the sandbox sees the close") { sandbox.openStreams() == 0 }
        }
    }

    @Test
    fun `an answer that retrying cannot fix ends the flow with the API's error`() = Sandbox().use { sandbox ->
        clientFor(sandbox).use { expys ->
            test {
                val missing = assertFailsWith<ExpysApiException> { expys.streamMessages("cnv_missing").collect() }
                assertEquals(ErrorCode.NOT_FOUND, missing.code)
                val unknownId = assertFailsWith<ExpysApiException> { expys.streamMessages(sandbox.conversationId, lastEventID = "msg_never_sent").collect() }
                assertEquals(ErrorCode.INVALID_REQUEST, unknownId.code)
                assertEquals("Last-Event-ID", unknownId.param)
            }
        }
    }

    @Test
    fun `a stream answered 503 reconnects after Retry-After and goes on `() = Sandbox().use { sandbox ->
        clientFor(sandbox).use { expys ->
            test {
                val refused = sandbox.fault("""{"operation":"streamMessages","times":2,"action":{"type":"status","status":503,"retryAfter":0}}""")
                val received = async(Dispatchers.Default) { expys.streamMessages(sandbox.conversationId).take(1).toList() }
                eventually(what = "the stream is open") { sandbox.openStreams() == 1 }
                val posted = sandbox.postAsAgent(sandbox.conversationId, "after the outage")
                assertEquals(listOf((posted["id"] as JsonPrimitive).content), received.await().map { it.id })
                assertEquals(2, sandbox.injected(refused))
            }
        }
    }

    @Test
    fun `a token that expires is refreshed once and the stream resumes without loss`() = Sandbox().use { sandbox ->
        var asked = 0
        val expys = ExpysClient(
            tokenProvider = { asked += 1; if (asked == 1) sandbox.mintToken(ttlMs = 0) else sandbox.mintToken() },
            environment = Environment.SANDBOX,
            baseUrl = sandbox.baseUrl,
            options = ClientOptions(logLevel = LogLevel.OFF),
        )
        expys.use {
            test {
                val received = async(Dispatchers.Default) { it.streamMessages(sandbox.conversationId).take(1).toList() }
                eventually(what = "the stream is open") { sandbox.openStreams() == 1 }
                val posted = sandbox.postAsAgent(sandbox.conversationId, "fresh")
                assertEquals(listOf(posted["id"]!!.jsonPrimitive.content), received.await().map { message -> message.id })
                assertEquals(2, asked)
            }
        }
    }
}
