package com.expys.sdk

/**
 * One of the API's stable error codes. The generated `ErrorCode` enum implements
 * it, with an `UNKNOWN` entry for codes this version of the SDK does not know.
 */
public interface ApiErrorCode {
    /** The code as the API spells it, such as `rate_limited`. */
    public val value: String

    /** The HTTP status the API answers this code with (0 for `UNKNOWN`). */
    public val status: Int

    /** Whether the API documents the code as worth repeating the identical request. */
    public val retryable: Boolean
}
