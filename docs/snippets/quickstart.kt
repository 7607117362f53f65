// Quickstart: list the member's conversations, read the latest one, reply.
// The docs tests compile it against the built SDK and run it with java.
package docs.quickstart

// #region program
// #region initialize
import com.expys.sdk.Environment
import com.expys.sdk.ExpysClient

// Your backend mints this member token from its Org-API-Key (see
// Authentication). The app only ever holds the short-lived token.
val token: String = System.getenv("EXPYS_MEMBER_TOKEN")
    ?: error("Set EXPYS_MEMBER_TOKEN to a member token from your backend")

// One client per app: it connects lazily, so create it once and share it.
val expys = ExpysClient(
    token = token,
    environment = Environment.SANDBOX,
    // null: the environment's own URL
    baseUrl = System.getenv("EXPYS_BASE_URL"),
)
// #endregion initialize

suspend fun quickstart() {
    // #region list
    val conversations = expys.listConversations().conversations
    println("${conversations.size} conversations, most recently active first:")
    for (conversation in conversations) {
        val title = conversation.title ?: "(untitled)"
        println("  $title [${conversation.type}]")
    }
    // #endregion list

    val latest = conversations.firstOrNull()
        ?: error("this member has no conversations yet")

    // #region read
    // The first page holds the newest messages, oldest first, so it reads as
    // a transcript.
    val messages = expys.listMessages(latest.id, limit = 5).messages
    val title = latest.title ?: "(untitled)"
    println("The last ${messages.size} messages of \"$title\":")
    for (message in messages) {
        println("  ${message.authorID}: ${message.body ?: "(no text)"}")
    }
    // #endregion read

    // #region send
    // The SDK attaches an Idempotency-Key, so an automatic retry never posts
    // twice.
    val reply = "Hi! Can you book a table for Friday?"
    val sent = expys.sendMessage(latest.id, reply)
    println("Sent a reply: ok=${sent.ok}")
    // #endregion send
}

// #region run
// Kotlin runs a suspend fun main as it is. `use` closes the client at the
// end, which releases its connections and lets the program exit at once.
suspend fun main(): Unit = expys.use { quickstart() }
// #endregion run
// #endregion program
