// The listConversations example of the API reference: the request, then what
// it answered, printed as JSON.
package docs.reference.listConversations

import com.expys.sdk.Environment
import com.expys.sdk.ExpysClient
import com.expys.sdk.ListConversationsResponse
import kotlinx.serialization.json.Json

val baseUrl: String? = System.getenv("EXPYS_BASE_URL")
val token: String = System.getenv("EXPYS_MEMBER_TOKEN")
    ?: error("Set EXPYS_MEMBER_TOKEN")

suspend fun main() {
    // #region request
    val expys = ExpysClient(token, Environment.SANDBOX, baseUrl)
    val answer = expys.listConversations()
    // #endregion request
    expys.close()
    val json = Json { prettyPrint = true }
    println(json.encodeToString(ListConversationsResponse.serializer(), answer))
}
