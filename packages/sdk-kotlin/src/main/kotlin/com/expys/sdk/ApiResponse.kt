package com.expys.sdk

/**
 * A result with the answer it came from, from a client's `withResponse` view.
 *
 * @property data the decoded body, exactly what the plain method returns.
 * @property requestId the server's id for the request (quote it to support), when it sent one.
 * @property status the HTTP status.
 */
public class ApiResponse<out T> internal constructor(
    public val data: T,
    public val requestId: String?,
    public val status: Int,
    headers: () -> Map<String, List<String>>,
) {
    /** The answer's headers, names in lower case, credentials blanked; made when first read. */
    public val headers: Map<String, List<String>> by lazy(headers)

    override fun toString(): String = "ApiResponse(status=$status, requestId=$requestId, data=$data)"
}
