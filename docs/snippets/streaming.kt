// Streaming: show the recent backlog, then follow the conversation live, and
// stop after a few messages.
package docs.streaming

import com.expys.sdk.Environment
import com.expys.sdk.ExpysClient
import kotlinx.coroutines.flow.take

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
    // #region backlog
    // History comes from listMessages: the stream only carries what is
    // posted from now on.
    val backlog = expys.listMessages(conversationId, limit = 3).messages
    for (message in backlog) {
        println("earlier  ${message.authorID}: ${message.body ?: "(no text)"}")
    }
    // #endregion backlog

    // #region live
    val wanted = 5
    var received = 0
    println("Listening for $wanted new messages...")
    // The flow is cold: collecting it opens the connection. take(5) ends the
    // collection after five messages, which closes the connection and
    // cancels any pending reconnect.
    expys.streamMessages(conversationId).take(wanted).collect { message ->
        received += 1
        println("live     ${message.authorID}: ${message.body ?: "(no text)"}")
    }
    println("Stopped after $received live messages; the connection is closed.")
    // #endregion live
}
