package com.expys.sdk.runtime

import com.expys.sdk.ApiErrorCode

/**
 * The facts of one API that the runtime acts on, handed over by generated code:
 * the runtime itself names no code, header or interval of any API.
 *
 * @property errorCodes every code the API documents.
 * @property unknownCode stands for a code outside [errorCodes], or an answer with none.
 * @property refreshTokenCode the code that means "get a fresh token and repeat the call".
 * @property inProgressCode the code that means "the same write is still in flight: retry soon".
 * @property requestIdHeader the answer header that carries the server's request id.
 * @property clientHeader the request header that identifies the SDK, sent with [clientId].
 */
internal class ApiFacts(
    val errorCodes: List<ApiErrorCode>,
    val unknownCode: ApiErrorCode,
    val refreshTokenCode: String?,
    val inProgressCode: String?,
    val requestIdHeader: String?,
    val clientHeader: String?,
    val clientId: String,
) {
    private val byValue = errorCodes.associateBy { it.value }
    private val byStatus = errorCodes.groupBy { it.status }

    /** The code a body names, when the API documents it; otherwise the only code documented for [status], or [unknownCode]. */
    fun codeFor(declared: String?, status: Int): ApiErrorCode =
        if (declared != null) byValue[declared] ?: unknownCode else byStatus[status]?.singleOrNull() ?: unknownCode
}

/** An error code of an API whose document declares no enum of its codes. */
internal class PlainErrorCode(override val value: String, override val status: Int, override val retryable: Boolean) : ApiErrorCode {
    override fun toString(): String = value

    companion object {
        val UNKNOWN = PlainErrorCode("unknown", 0, false)
    }
}
