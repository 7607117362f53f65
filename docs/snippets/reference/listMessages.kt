// The listMessages example of the API reference: the request, then what it
// answered, printed as JSON.
package docs.reference.listMessages

import com.expys.sdk.Environment
import com.expys.sdk.ExpysClient
import com.expys.sdk.ListMessagesResponse
import kotlinx.serialization.json.Json

val baseUrl: String? = System.getenv("EXPYS_BASE_URL")
val token: String = System.getenv("EXPYS_MEMBER_TOKEN")
    ?: error("Set EXPYS_MEMBER_TOKEN")
val conversationId: String = System.getenv("EXPYS_CONVERSATION_ID")
    ?: error("Set EXPYS_CONVERSATION_ID")

suspend fun main() {
    // #region request
    val expys = ExpysClient(token, Environment.SANDBOX, baseUrl)
    val page = expys.listMessages(conversationId, limit = 2)
    // #endregion request
    expys.close()
    val json = Json { prettyPrint = true }
    println(json.encodeToString(ListMessagesResponse.serializer(), page))
}
