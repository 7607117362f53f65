// Authentication: your backend exchanges the Org-API-Key for short-lived
// tokens; the app asks your backend for one through a token provider.
// Needs EXPYS_ORG_API_KEY too.
package docs.authentication

import com.expys.sdk.Environment
import com.expys.sdk.ExpysClient
import com.expys.sdk.ExpysServerClient
import com.expys.sdk.TokenExchangeRequest
import com.sun.net.httpserver.HttpServer
import kotlinx.coroutines.future.await
import kotlinx.coroutines.runBlocking
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import kotlinx.serialization.json.put
import java.net.InetSocketAddress
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse.BodyHandlers

val orgApiKey: String = System.getenv("EXPYS_ORG_API_KEY")
    ?: error("Set EXPYS_ORG_API_KEY")
val memberID: String = System.getenv("EXPYS_EXTERNAL_USER_ID")
    ?: error("Set EXPYS_EXTERNAL_USER_ID")
val baseUrl: String? = System.getenv("EXPYS_BASE_URL")

suspend fun main() {
    // #region exchange
    // On your backend only: the org key is a long-lived secret and must never
    // ship in an app.
    val expysServer = ExpysServerClient(
        orgApiKey = orgApiKey,
        environment = Environment.SANDBOX,
        baseUrl = baseUrl,
    )
    // With externalUserID: a member token, which can act only for that member.
    val member = TokenExchangeRequest(externalUserID = memberID)
    val minted = expysServer.exchangeToken(member)
    val kind = minted.kind.name.lowercase()
    val valid = "valid ${minted.expiresIn} s"
    println("Minted a $kind token for ${minted.externalUserID}, $valid")
    // #endregion exchange

    // #region backend-route
    // Your backend's token route. Identify the member with your own session
    // first; here the member id is fixed so the example runs on its own.
    val backend = HttpServer.create(InetSocketAddress("127.0.0.1", 0), 0)
    backend.createContext("/expys-token") { exchange ->
        val fresh = runBlocking { expysServer.exchangeToken(member) }
        val body = buildJsonObject {
            put("token", fresh.token)
            put("expiresAt", fresh.expiresAt)
        }.toString().toByteArray()
        exchange.responseHeaders.add("Content-Type", "application/json")
        exchange.sendResponseHeaders(200, body.size.toLong())
        exchange.responseBody.use { it.write(body) }
    }
    // #endregion backend-route
    backend.start()
    val backendUrl = "http://127.0.0.1:${backend.address.port}/expys-token"

    // #region provider
    // In the app: a token saved from an earlier session, if there is one.
    var savedToken: String? = System.getenv("EXPYS_MEMBER_TOKEN")
    var providerCalls = 0
    val http = HttpClient.newHttpClient()
    val expys = ExpysClient(
        // Called for the first request, then again only when the API answers
        // token_expired; the SDK then repeats that request once with the new
        // token.
        tokenProvider = {
            providerCalls += 1
            val saved = savedToken
            // A saved token is good for one try: after that, ask the backend.
            savedToken = null
            saved ?: run {
                val request = HttpRequest.newBuilder(URI(backendUrl)).build()
                val response =
                    http.sendAsync(request, BodyHandlers.ofString()).await()
                check(response.statusCode() == 200) {
                    "the token route answered ${response.statusCode()}"
                }
                val answer = Json.parseToJsonElement(response.body()).jsonObject
                answer.getValue("token").jsonPrimitive.content
            }
        },
        environment = Environment.SANDBOX,
        baseUrl = baseUrl,
    )
    val conversations = expys.listConversations().conversations
    val calls = "token provider called $providerCalls time(s)"
    println("The app sees ${conversations.size} conversations; $calls")
    // #endregion provider

    // #region machine
    // Without externalUserID: a machine token, for backend jobs that act for
    // any member. Every call then names the member it acts for.
    val machine = expysServer.exchangeToken()
    val worker = ExpysClient(
        token = machine.token,
        environment = Environment.SANDBOX,
        baseUrl = baseUrl,
    )
    val forMember = worker.listConversations(externalUserID = memberID)
    val listed = forMember.conversations.size
    val machineKind = machine.kind.name.lowercase()
    println("A $machineKind token listed $listed conversations for $memberID")
    // #endregion machine

    backend.stop(0)
    listOf(worker, expys, expysServer).forEach { it.close() }
}
