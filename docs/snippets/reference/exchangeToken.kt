// The exchangeToken example of the API reference: the request, then what it
// answered, printed as JSON.
package docs.reference.exchangeToken

import com.expys.sdk.Environment
import com.expys.sdk.ExpysServerClient
import com.expys.sdk.TokenExchangeRequest
import com.expys.sdk.TokenExchangeResponse
import kotlinx.serialization.json.Json

val baseUrl: String? = System.getenv("EXPYS_BASE_URL")
val orgApiKey: String = System.getenv("EXPYS_ORG_API_KEY")
    ?: error("Set EXPYS_ORG_API_KEY")
val memberID: String = System.getenv("EXPYS_EXTERNAL_USER_ID")
    ?: error("Set EXPYS_EXTERNAL_USER_ID")

suspend fun main() {
    // #region request
    // On your backend only: the org key must never ship in an app.
    val server = ExpysServerClient(orgApiKey, Environment.SANDBOX, baseUrl)
    val request = TokenExchangeRequest(externalUserID = memberID)
    val minted = server.exchangeToken(request)
    // #endregion request
    server.close()
    val json = Json { prettyPrint = true }
    println(json.encodeToString(TokenExchangeResponse.serializer(), minted))
}
