// Conversations: list them with their optional fields, read one as a
// transcript, and post to it.
package docs.conversations

import com.expys.sdk.Conversation
import com.expys.sdk.Environment
import com.expys.sdk.ExpysClient
import com.expys.sdk.Message

val memberID: String = System.getenv("EXPYS_EXTERNAL_USER_ID")
    ?: error("Set EXPYS_EXTERNAL_USER_ID")
val token: String = System.getenv("EXPYS_MEMBER_TOKEN")
    ?: error("Set EXPYS_MEMBER_TOKEN")
val expys = ExpysClient(
    token = token,
    environment = Environment.SANDBOX,
    baseUrl = System.getenv("EXPYS_BASE_URL"),
)

suspend fun main(): Unit = expys.use {
    // #region list
    // `title` and `lastMessageAt` are always present but nullable: say so in
    // the UI.
    fun summary(conversation: Conversation): String {
        val title = conversation.title ?: "Untitled"
        val last = conversation.lastMessageAt ?: "no messages yet"
        return "$title (${conversation.type}), last activity: $last"
    }

    val conversations = expys.listConversations().conversations
    for (conversation in conversations) println(summary(conversation))
    // #endregion list

    // #region read
    // authorID is the member's own id on their messages; anything else is
    // the concierge.
    fun line(message: Message): String {
        val who = if (message.authorID == memberID) "you" else "concierge"
        // A message without text (a system event, say) still has a type.
        return "$who: ${message.body ?: "[${message.type}]"}"
    }

    val booking = conversations.firstOrNull { it.type == "booking" }
    if (booking != null) {
        val messages = expys.listMessages(booking.id).messages
        val title = booking.title ?: "Untitled"
        println("Transcript of \"$title\", ${messages.size} messages:")
        for (message in messages) println("  ${line(message)}")
    }
    // #endregion read

    // #region send
    if (booking != null) {
        // The message text is a positional argument; the optional ones
        // follow, by name.
        val sent = expys.sendMessage(booking.id, "Could we move it to 8pm?")
        println("Posted to \"${booking.title ?: "Untitled"}\": ok=${sent.ok}")
    }
    // #endregion send
}
