package com.expys.sdk.runtime

import com.expys.sdk.ExpysLogger
import com.expys.sdk.LogLevel

/** Drops lines below the client's level, and redacts the rest before they reach the logger. */
internal class Log(private val logger: ExpysLogger, private val level: LogLevel, private val secrets: Secrets) {
    fun enabled(at: LogLevel): Boolean = level != LogLevel.OFF && at >= level

    inline fun at(at: LogLevel, message: () -> String) {
        if (enabled(at)) logger.log(at, "[expys] " + secrets.redact(message()))
    }
}
