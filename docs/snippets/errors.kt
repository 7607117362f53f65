// Errors: every failure is an ExpysException; API answers are
// ExpysApiException with a stable `code`, compared with ErrorCode's entries.
package docs.errors

// #region imports
import com.expys.sdk.ErrorCode
import com.expys.sdk.ExpysApiException
import com.expys.sdk.ExpysCancelledException
import com.expys.sdk.ExpysConnectionException
import com.expys.sdk.ExpysException
import com.expys.sdk.ExpysInvalidInputException
import com.expys.sdk.ExpysResponseException
import com.expys.sdk.ExpysTimeoutException
// #endregion imports
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

// #region describe
// ExpysException is sealed: a `when` over its kinds needs no else branch.
fun describe(error: ExpysException): String = when (error) {
    is ExpysApiException -> when (error.code) {
        ErrorCode.NOT_FOUND ->
            "not found (${error.status}): show \"this conversation is gone\""
        ErrorCode.INVALID_REQUEST ->
            "invalid request (${error.status}): " +
                "fix \"${error.param}\" in the code"
        ErrorCode.FORBIDDEN ->
            "forbidden (${error.status}): " +
                "this token may not act for that member"
        // Everything else: log it with the request id, which support can
        // look up.
        else -> "${error.code.value} (${error.status}), " +
            "retryable=${error.retryable}, request ${error.requestId}"
    }
    // No answer from the API at all. The SDK already retried where that was
    // safe.
    is ExpysTimeoutException -> "no answer in time"
    is ExpysConnectionException -> "network problem"
    is ExpysCancelledException -> "the client was closed"
    is ExpysInvalidInputException -> "refused before sending: ${error.message}"
    is ExpysResponseException -> "an unreadable answer: ${error.message}"
}
// #endregion describe

suspend fun main(): Unit = expys.use {
    // #region not-found
    try {
        expys.listMessages("cnv_does_not_exist")
    } catch (error: ExpysException) {
        println(describe(error))
        // Quote the request id to support: it names this exact request in
        // Expys's logs.
        println("  requestId=${error.requestId} retryable=${error.retryable}")
    }
    // #endregion not-found

    // #region invalid
    try {
        expys.listMessages(conversationId, limit = 500) // the API allows 1-100
    } catch (error: ExpysException) {
        println(describe(error))
    }
    // #endregion invalid

    // #region forbidden
    try {
        // A member token acts for its own member only.
        expys.listConversations(externalUserID = "someone-else")
    } catch (error: ExpysException) {
        println(describe(error))
    }
    // #endregion forbidden
}
