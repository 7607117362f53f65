// The sendMessage example of the API reference: the request, then what it
// answered, printed as JSON.
package docs.reference.sendMessage

import com.expys.sdk.Environment
import com.expys.sdk.ExpysClient
import com.expys.sdk.SendMessageResponse
import kotlinx.serialization.json.Json

val baseUrl: String? = System.getenv("EXPYS_BASE_URL")
val token: String = System.getenv("EXPYS_MEMBER_TOKEN")
    ?: error("Set EXPYS_MEMBER_TOKEN")
val conversationId: String = System.getenv("EXPYS_CONVERSATION_ID")
    ?: error("Set EXPYS_CONVERSATION_ID")

suspend fun main() {
    // #region request
    val expys = ExpysClient(token, Environment.SANDBOX, baseUrl)
    // The SDK sends an Idempotency-Key, the same on every retry.
    val text = "A table for two at 8pm, please."
    val sent = expys.sendMessage(conversationId, text)
    // #endregion request
    expys.close()
    val json = Json { prettyPrint = true }
    println(json.encodeToString(SendMessageResponse.serializer(), sent))
}
