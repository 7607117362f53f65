package com.expys.sdk.runtime

import java.util.concurrent.CopyOnWriteArraySet

/**
 * Every credential a client has held, so that no error message, header map or log
 * line it produces can show one. Tokens are added as they are fetched.
 */
internal class Secrets {
    private val values = CopyOnWriteArraySet<String>()

    fun add(secret: String?) {
        if (!secret.isNullOrEmpty()) values.add(secret)
    }

    /**
     * [text] with each secret replaced by `[redacted]`. A secret shorter than
     * [WHOLE_WORD_BELOW] characters is replaced only where it stands alone, so that a
     * one-letter test token does not scramble every word that contains the letter.
     */
    fun redact(text: String): String {
        var result = text
        for (secret in values) {
            if (secret.length >= WHOLE_WORD_BELOW) {
                result = result.replace(secret, REDACTED)
            } else if (result.contains(secret)) {
                result = Regex("(?<![A-Za-z0-9._~+/=-])${Regex.escape(secret)}(?![A-Za-z0-9._~+/=-])").replace(result, REDACTED)
            }
        }
        return result
    }

    /** Header values with secrets blanked, names in lower case. */
    fun redact(headers: okhttp3.Headers): Map<String, List<String>> {
        val map = LinkedHashMap<String, MutableList<String>>()
        for (index in 0 until headers.size) {
            map.getOrPut(headers.name(index).lowercase()) { ArrayList(1) }.add(redact(headers.value(index)))
        }
        return map
    }

    private companion object {
        const val REDACTED = "[redacted]"
        const val WHOLE_WORD_BELOW = 8
    }
}
