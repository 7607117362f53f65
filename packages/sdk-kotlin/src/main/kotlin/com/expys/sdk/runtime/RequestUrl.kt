package com.expys.sdk.runtime

import com.expys.sdk.ExpysInvalidInputException
import okhttp3.HttpUrl
import okhttp3.HttpUrl.Companion.toHttpUrlOrNull

/** Checks a client's base URL once, when the client is made, so no call fails on it later. */
internal fun parseBaseUrl(baseUrl: String): HttpUrl {
    val scheme = baseUrl.substringBefore("://", "").lowercase()
    if (scheme != "http" && scheme != "https") {
        throw ExpysInvalidInputException("baseUrl must start with http:// or https://")
    }
    val url = baseUrl.toHttpUrlOrNull() ?: throw ExpysInvalidInputException("baseUrl is not a valid URL")
    if (url.query != null || url.fragment != null) throw ExpysInvalidInputException("baseUrl must not have a query or fragment")
    return url
}

/**
 * The URL of one call. Each path value becomes exactly one encoded segment, so a
 * `/`, `?` or `#` in an id cannot change the route; `.` and `..`, which every URL
 * parser on the way would resolve as "this" and "the parent" segment, are refused,
 * as is an empty value, which would drop a segment.
 */
internal fun requestUrl(base: HttpUrl, operation: Operation<*>, args: CallArgs): HttpUrl {
    val builder = base.newBuilder()
    // The base URL's own path is kept: a trailing slash would add an empty segment.
    if (base.pathSegments.lastOrNull() == "") builder.removePathSegment(base.pathSegments.size - 1)
    for (segment in operation.segments) {
        if (!segment.isParameter) {
            builder.addPathSegment(segment.text)
            continue
        }
        val value = args.pathParams[segment.text]
        when (value) {
            null, "" -> throw ExpysInvalidInputException("the path parameter ${segment.text} must not be empty")
            ".", ".." -> throw ExpysInvalidInputException("the path parameter ${segment.text} must not be \"$value\": it would change the route")
        }
        builder.addEncodedPathSegment(encodeSegment(value))
    }
    for (parameter in args.query) {
        val values = parameter.values ?: continue
        val separator = parameter.style.separator
        if (separator == null) {
            for (value in values) builder.addQueryParameter(parameter.name, value)
        } else {
            builder.addQueryParameter(parameter.name, values.joinToString(separator))
        }
    }
    return builder.build()
}

private const val HEX = "0123456789ABCDEF"

/** Percent-encodes all but RFC 3986's unreserved characters, as UTF-8. */
private fun encodeSegment(value: String): String {
    if (value.all { it.isUnreserved() }) return value
    val out = StringBuilder(value.length * 3)
    for (byte in value.encodeToByteArray()) {
        val char = (byte.toInt() and 0xFF).toChar()
        if (char.isUnreserved()) {
            out.append(char)
        } else {
            out.append('%').append(HEX[(byte.toInt() shr 4) and 0xF]).append(HEX[byte.toInt() and 0xF])
        }
    }
    return out.toString()
}

private fun Char.isUnreserved(): Boolean = this in 'a'..'z' || this in 'A'..'Z' || this in '0'..'9' || this == '-' || this == '.' || this == '_' || this == '~'
