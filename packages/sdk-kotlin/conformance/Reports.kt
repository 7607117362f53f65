package com.expys.conformance

import com.expys.sdk.ExpysApiException
import com.expys.sdk.ExpysCancelledException
import com.expys.sdk.ExpysConnectionException
import com.expys.sdk.ExpysException
import com.expys.sdk.ExpysInvalidInputException
import com.expys.sdk.ExpysResponseException
import com.expys.sdk.ExpysTimeoutException
import kotlinx.coroutines.CancellationException
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put

/** The protocol's error object for what the SDK threw. */
fun errorReport(error: Throwable): JsonObject = buildJsonObject {
    val kind = when (error) {
        is ExpysApiException -> "api"
        is ExpysConnectionException -> "connection"
        is ExpysTimeoutException -> "timeout"
        is ExpysCancelledException, is CancellationException -> "cancelled"
        is ExpysInvalidInputException -> "invalid"
        is ExpysResponseException -> "other"
        else -> "other"
    }
    put("kind", kind)
    if (error is ExpysException) {
        error.status?.let { put("status", it) }
        error.code?.let { put("code", it.value) }
        error.requestId?.let { put("requestId", it) }
        put("retryable", error.retryable)
    }
    put("message", error.message ?: error::class.simpleName ?: "error")
    put("name", error::class.simpleName ?: "Throwable")
}

/** A protocol mistake of the harness: never used for something the SDK did. */
class ProtocolException(val status: Int, message: String) : Exception(message)
