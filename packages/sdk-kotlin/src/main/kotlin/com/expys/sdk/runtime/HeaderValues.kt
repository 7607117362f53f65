package com.expys.sdk.runtime

import com.expys.sdk.ExpysInvalidInputException
import okhttp3.Headers

/**
 * Headers for one request, checked as they are added. A CR or LF in a value would
 * let it inject headers (or a whole request), a NUL is cut short by some servers,
 * and a character above U+00FF has no single-byte spelling: each is refused before
 * anything is sent, naming the header but never the value, which may be a secret.
 * Latin-1 characters above U+007F go out as UTF-8, as OkHttp writes them.
 */
internal class HeaderValues {
    private val builder = Headers.Builder()
    private val names = HashSet<String>()

    fun set(name: String, value: String) {
        checkName(name)
        checkValue(name, value)
        val lower = name.lowercase()
        if (!names.add(lower)) builder.removeAll(name)
        if (value.all { it in ' '..'~' || it == '\t' }) builder.add(name, value) else builder.addUnsafeNonAscii(name, value)
    }

    fun build(): Headers = builder.build()

    companion object {
        fun checkValue(name: String, value: String) {
            for (char in value) {
                if (char == '\r' || char == '\n' || char == '\u0000') {
                    throw ExpysInvalidInputException("the $name header value contains a line break or NUL")
                }
                if (char.code > 0xFF) throw ExpysInvalidInputException("the $name header value contains a character outside Latin-1")
            }
        }

        /** A header name is an RFC 9110 token. */
        fun checkName(name: String) {
            val valid = name.isNotEmpty() && name.all { it in 'a'..'z' || it in 'A'..'Z' || it in '0'..'9' || it in "!#$%&'*+-.^_`|~" }
            if (!valid) throw ExpysInvalidInputException("\"${name.take(40).filter { it in ' '..'~' }}\" is not a valid header name")
        }
    }
}
