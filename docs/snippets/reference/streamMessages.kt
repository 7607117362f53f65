// The streamMessages example of the API reference: the request, then the
// first message it delivered, printed as JSON.
package docs.reference.streamMessages

import com.expys.sdk.Environment
import com.expys.sdk.ExpysClient
import com.expys.sdk.Message
import kotlinx.coroutines.flow.first
import kotlinx.serialization.json.Json

val baseUrl: String? = System.getenv("EXPYS_BASE_URL")
val token: String = System.getenv("EXPYS_MEMBER_TOKEN")
    ?: error("Set EXPYS_MEMBER_TOKEN")
val conversationId: String = System.getenv("EXPYS_CONVERSATION_ID")
    ?: error("Set EXPYS_CONVERSATION_ID")
val json = Json { prettyPrint = true }

suspend fun main() {
    // #region request
    val expys = ExpysClient(token, Environment.SANDBOX, baseUrl)
    // first() ends the collection, which closes the connection.
    val message = expys.streamMessages(conversationId).first()
    println(json.encodeToString(Message.serializer(), message))
    // #endregion request
    expys.close()
}
