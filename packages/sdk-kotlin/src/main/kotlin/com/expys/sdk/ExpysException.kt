package com.expys.sdk

/**
 * The base of everything the SDK throws: `catch (e: ExpysException)` catches it all,
 * and `when (e)` over the subclasses is exhaustive.
 *
 * Every kind carries the same five facts, `null` (or empty) where a kind has none:
 * an [ExpysApiException] has them all; the others never got an answer.
 *
 * Cancelling the coroutine that makes a call is not an error: the call ends with
 * kotlinx.coroutines' `CancellationException`, as structured concurrency requires.
 */
public sealed class ExpysException(message: String, cause: Throwable? = null) : Exception(message, cause) {
    /** The HTTP status of the answer, or `null` when there was none. */
    public open val status: Int? get() = null

    /** The API's stable reason, or `null` when there was no answer. */
    public open val code: ApiErrorCode? get() = null

    /** The server's id for the request; quote it to support. */
    public open val requestId: String? get() = null

    /** Whether repeating the identical call can succeed (after `Retry-After` when there is one). */
    public open val retryable: Boolean get() = false

    /** The answer's headers, names in lower case, with every credential the client holds blanked out. */
    public open val headers: Map<String, List<String>> get() = emptyMap()
}

/**
 * The API answered with an error. Compare [code] with the generated `ErrorCode`
 * entries (`e.code == ErrorCode.RATE_LIMITED`); its `UNKNOWN` entry stands for an
 * answer from outside the API, such as a proxy's 502 page.
 */
public class ExpysApiException internal constructor(
    message: String,
    override val status: Int,
    override val code: ApiErrorCode,
    override val requestId: String?,
    override val retryable: Boolean,
    /** The parameter or body field the error is about, by its wire name, when the API names one. */
    public val param: String?,
    override val headers: Map<String, List<String>>,
) : ExpysException(message)

/** The request got no answer: the connection failed or was lost. The message names the host and the cause. */
public class ExpysConnectionException internal constructor(message: String, cause: Throwable?) :
    ExpysException(message, cause) {
    override val retryable: Boolean get() = true
}

/** No whole answer, body included, arrived within the call's timeout. */
public class ExpysTimeoutException internal constructor(message: String, cause: Throwable? = null) :
    ExpysException(message, cause) {
    override val retryable: Boolean get() = true
}

/**
 * The call was cancelled by something other than its own coroutine: the client was
 * closed while it ran. (A cancelled coroutine sees a `CancellationException` instead.)
 */
public class ExpysCancelledException internal constructor(message: String, cause: Throwable? = null) :
    ExpysException(message, cause)

/**
 * The SDK refused to send: an argument or header value that would change the
 * request's meaning (a line break, NUL or non-Latin-1 character in a header, `.` or
 * `..` as a path parameter), an empty path parameter, or a malformed base URL.
 * Nothing was sent. The message names the input, never its value.
 */
public class ExpysInvalidInputException internal constructor(message: String) : ExpysException(message)

/**
 * The server answered, but not in a form the SDK can read as the API's answer: a
 * success whose body is not the documented JSON, an event stream that is not one,
 * or an event larger than the stream's limit.
 */
public class ExpysResponseException internal constructor(
    message: String,
    override val status: Int?,
    override val requestId: String?,
    cause: Throwable? = null,
) : ExpysException(message, cause)
