// Cancellation and timeouts: cancel a call the user no longer needs, bound
// how long a call may take, and stop a stream from outside its collector.
package docs.cancellation

import com.expys.sdk.Environment
import com.expys.sdk.ExpysClient
import com.expys.sdk.ExpysTimeoutException
import com.expys.sdk.RequestOptions
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.async
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds

val conversationId: String = System.getenv("EXPYS_CONVERSATION_ID")
    ?: error("Set EXPYS_CONVERSATION_ID")
val token: String = System.getenv("EXPYS_MEMBER_TOKEN")
    ?: error("Set EXPYS_MEMBER_TOKEN")
val expys = ExpysClient(
    token = token,
    environment = Environment.SANDBOX,
    baseUrl = System.getenv("EXPYS_BASE_URL"),
)

suspend fun main(): Unit = expys.use {
    coroutineScope {
        // #region abort-call
        // The user opened a thread, then left it before the history arrived.
        val history = async { expys.listMessages(conversationId) }
        // Cancelling the coroutine cancels the HTTP call and its retries.
        history.cancel()
        try {
            history.await()
        } catch (_: CancellationException) {
            println("Loading the history was cancelled")
        }
        // #endregion abort-call

        // #region timeout
        // Give up after 2 s and no retries, and show what is already on
        // screen instead.
        val quick = RequestOptions(timeout = 2.seconds, maxRetries = 0)
        try {
            val list = expys.listConversations(options = quick).conversations
            println("Answered in time: ${list.size} conversations")
        } catch (_: ExpysTimeoutException) {
            println("No answer within 2 s; keeping the cached list")
        }
        // #endregion timeout

        // #region stop-stream
        // A screen that follows the conversation until it closes. Cancelling
        // its job stops the stream from outside the collector, even while it
        // waits for the next message, and closes the connection.
        var shown = 0
        val screen = launch {
            expys.streamMessages(conversationId).collect { message ->
                shown += 1
                println("live: ${message.body ?: "(no text)"}")
            }
        }
        delay(1_500.milliseconds) // stands in for the user closing the screen
        screen.cancelAndJoin()
        val closed = "the stream is closed"
        println("Screen closed after $shown live message(s); $closed")
        // #endregion stop-stream
    }
}
