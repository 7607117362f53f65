package com.expys.sdk

import com.expys.sdk.runtime.DeadlineTimer
import com.expys.sdk.support.Sandbox
import com.expys.sdk.support.clientFor
import com.expys.sdk.support.eventually
import com.expys.sdk.support.quickBackoff
import com.expys.sdk.support.test
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import okhttp3.Call
import okhttp3.EventListener
import okhttp3.OkHttpClient
import org.junit.jupiter.api.Test
import java.io.IOException
import java.util.concurrent.atomic.AtomicInteger
import kotlin.test.assertEquals
import kotlin.test.assertTrue
import kotlin.time.Duration.Companion.microseconds

class CancellationRaceTest {
    /** Exchanges started and not ended: OkHttp ends a call only once its body is read or closed. */
    private class OpenExchanges : EventListener() {
        val open = AtomicInteger()
        val started = AtomicInteger()

        override fun callStart(call: Call) {
            started.incrementAndGet()
            open.incrementAndGet()
        }

        override fun callEnd(call: Call) {
            open.decrementAndGet()
        }

        override fun callFailed(call: Call, ioe: IOException) {
            open.decrementAndGet()
        }
    }

    @Test
    fun `calls cancelled before, while and after their answer arrives leave no exchange or deadline open`() = Sandbox().use { sandbox ->
        val exchanges = OpenExchanges()
        val http = OkHttpClient.Builder().eventListener(exchanges).build()
        clientFor(sandbox, options = ClientOptions(httpClient = http, backoff = quickBackoff, logLevel = LogLevel.OFF)).use { expys ->
            test {
                repeat(80) { round ->
                    val call = launch(Dispatchers.Default) { expys.listMessages(sandbox.conversationId, limit = 100) }
                    // From at once to past the answer, so cancellation lands on every stage of the exchange.
                    delay((round * 100).microseconds)
                    call.cancelAndJoin()
                }
                eventually(what = "every exchange ended") { exchanges.open.get() == 0 }
                // Each call's whole-answer deadline goes with it, however the call ended.
                assertEquals(0, DeadlineTimer.pendingCount(), "deadlines left behind")
                assertTrue(exchanges.started.get() > 0)
                assertEquals(4, expys.listConversations().conversations.size, "the client works on")
                eventually(what = "the last exchange ended") { exchanges.open.get() == 0 }
            }
        }
        http.connectionPool.evictAll()
    }
}
