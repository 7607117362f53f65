// Retries and idempotency: tune retries, choose your own idempotency key, and
// see a repeated send replayed instead of posted twice.
package docs.retries

import com.expys.sdk.Backoff
import com.expys.sdk.ClientOptions
import com.expys.sdk.Environment
import com.expys.sdk.ExpysClient
import com.expys.sdk.RequestOptions
import java.util.UUID
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds

val conversationId: String = System.getenv("EXPYS_CONVERSATION_ID")
    ?: error("Set EXPYS_CONVERSATION_ID")
val token: String = System.getenv("EXPYS_MEMBER_TOKEN")
    ?: error("Set EXPYS_MEMBER_TOKEN")

// #region client-options
val expys = ExpysClient(
    token = token,
    environment = Environment.SANDBOX,
    baseUrl = System.getenv("EXPYS_BASE_URL"),
    options = ClientOptions(
        // default 2: three attempts in all
        maxRetries = 3,
        // per attempt, body included; default 60 s
        timeout = 20.seconds,
        // full jitter: a random wait below min(cap, base * 2^n)
        backoff = Backoff(base = 500.milliseconds, cap = 10.seconds),
        // a longer Retry-After fails the call rather than hang it
        maxRetryAfter = 30.seconds,
    ),
)
// #endregion client-options

/** An unsent message, kept with its key (an outbox row, say). */
data class Outbox(val text: String, val idempotencyKey: String)

suspend fun main(): Unit = expys.use {
    // #region per-call
    // A search box would rather fail fast than keep the user waiting.
    val fast = RequestOptions(maxRetries = 0, timeout = 5.seconds)
    val conversations = expys.listConversations(options = fast).conversations
    println("Listed ${conversations.size} conversations with retries off")
    // #endregion per-call

    // #region idempotency-key
    // Keep the key with the unsent message, so a retry after an app restart
    // reuses it and the API can recognise the repeat.
    val outbox = Outbox(
        "Please add a note: it's our anniversary.",
        UUID.randomUUID().toString(),
    )
    val first = expys.withResponse.sendMessage(
        conversationId,
        outbox.text,
        idempotencyKey = outbox.idempotencyKey,
    )
    val replayed = first.headers["idempotent-replayed"]?.first() ?: "false"
    println("First send: ok=${first.data.ok}, replayed=$replayed")
    // The same send again, as after a crash between sending and marking it
    // sent.
    val again = expys.withResponse.sendMessage(
        conversationId,
        outbox.text,
        idempotencyKey = outbox.idempotencyKey,
    )
    val replayedAgain = again.headers["idempotent-replayed"]?.first() ?: "false"
    println("Same key again: ok=${again.data.ok}, replayed=$replayedAgain")
    println("Request ids: ${first.requestId} then ${again.requestId}")
    // #endregion idempotency-key

    // #region count
    val messages = expys.listMessages(conversationId, limit = 20).messages
    val copies = messages.count { it.body == outbox.text }
    println("The message is in the conversation $copies time(s)")
    // #endregion count
}
