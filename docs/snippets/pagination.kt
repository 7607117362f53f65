// Pagination: one page and its cursor, then every message as one flow, then
// page by page.
package docs.pagination

import com.expys.sdk.Environment
import com.expys.sdk.ExpysClient

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
    // #region one-page
    // listMessages answers with exactly one page: the newest messages.
    val newest = expys.listMessages(conversationId, limit = 50)
    val more = newest.nextCursor != null
    println("Newest page: ${newest.messages.size} messages, more: $more")

    // Pass nextCursor back as `cursor` for the page of older messages.
    val cursor = newest.nextCursor
    if (cursor != null) {
        val older = expys.listMessages(conversationId, 50, cursor = cursor)
        println("Next page: ${older.messages.size} older messages")
    }
    // #endregion one-page

    // #region every-message
    // listAllMessages is a Flow of every message: it fetches the next page
    // only when the collector gets there, and stops when the collection ends.
    var total = 0
    var first: String? = null
    expys.listAllMessages(conversationId, limit = 50).collect { message ->
        total += 1
        // Pages come newest first but read oldest first inside: compare.
        val earliest = first
        if (earliest == null || message.createdAt < earliest) {
            first = message.createdAt
        }
    }
    println("Every message: $total, the first posted at $first")
    // #endregion every-message

    // #region pages
    // Or take whole pages, for example to render them in chunks.
    val sizes = mutableListOf<Int>()
    expys.listMessagesPages(conversationId, limit = 50).collect { page ->
        sizes += page.messages.size
    }
    println("${sizes.size} pages of ${sizes.joinToString(", ")} messages")
    // #endregion pages
}
