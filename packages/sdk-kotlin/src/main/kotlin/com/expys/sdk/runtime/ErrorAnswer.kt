package com.expys.sdk.runtime

import com.expys.sdk.ExpysApiException
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.booleanOrNull
import kotlinx.serialization.json.contentOrNull
import okhttp3.Headers

/**
 * The typed error for an error answer. Only a JSON body naming a documented code
 * maps to that code: a proxy's HTML page with a 409 is not the API's
 * `idempotency_conflict`, so it gets the unknown code. A body without a code takes
 * the code the API documents for its status, when exactly one is. `retryable` is the
 * body's (the API always says), or else follows the status: 408, 429 and 5xx may pass.
 */
internal fun apiErrorOf(status: Int, headers: Headers, body: String, facts: ApiFacts, secrets: Secrets): ExpysApiException {
    val fields = parseObject(body)
    val declared = fields?.string("code")
    val code = when {
        declared != null -> facts.codeFor(declared, status)
        fields == null -> facts.unknownCode
        else -> facts.codeFor(null, status)
    }
    val retryable = (fields?.get("retryable") as? JsonPrimitive)?.booleanOrNull ?: (status == 408 || status == 429 || status >= 500)
    val requestId = fields?.string("requestId") ?: facts.requestIdHeader?.let(headers::get)
    val message = fields?.string("message")?.let(secrets::redact) ?: "HTTP $status"
    return ExpysApiException(
        message = "$status ${code.value}: $message",
        status = status,
        code = code,
        requestId = requestId,
        retryable = retryable,
        param = fields?.string("param"),
        headers = secrets.redact(headers),
    )
}

private val lenient = Json { ignoreUnknownKeys = true }

private fun parseObject(body: String): JsonObject? {
    if (!body.trimStart().startsWith("{")) return null
    return try {
        lenient.parseToJsonElement(body) as? JsonObject
    } catch (_: IllegalArgumentException) {
        null
    }
}

private fun JsonObject.string(name: String): String? = (get(name) as? JsonPrimitive)?.takeIf { it.isString }?.contentOrNull
