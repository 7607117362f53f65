package com.expys.sdk.support

import com.expys.sdk.ClientOptions
import com.expys.sdk.Environment
import com.expys.sdk.ExpysClient
import com.expys.sdk.LogLevel
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.delay
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import java.util.Collections
import kotlin.time.Duration
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds

/** A test body with a generous bound: behaviour is asserted, never timing. */
fun test(timeout: Duration = 60.seconds, body: suspend CoroutineScope.() -> Unit): Unit = runBlocking { withTimeout(timeout, body) }

/** Polls [condition] until it holds, failing after [timeout]. */
suspend fun eventually(timeout: Duration = 10.seconds, what: String = "the condition", condition: () -> Boolean) {
    val deadline = System.nanoTime() + timeout.inWholeNanoseconds
    while (!condition()) {
        if (System.nanoTime() > deadline) throw AssertionError("$what did not hold within $timeout")
        delay(20.milliseconds)
    }
}

/** Log lines a client wrote, for redaction checks. */
class LogLines {
    val lines: MutableList<String> = Collections.synchronizedList(ArrayList())
    val logger = com.expys.sdk.ExpysLogger { level, message -> lines.add("$level $message") }
}

/** Fast backoff: tests assert what happens, and need not wait half a second for it. */
val quickBackoff = com.expys.sdk.Backoff(base = 20.milliseconds, cap = 200.milliseconds)

fun clientFor(
    sandbox: Sandbox,
    token: String = sandbox.memberToken,
    options: ClientOptions = ClientOptions(backoff = quickBackoff, logLevel = LogLevel.OFF),
): ExpysClient = ExpysClient(token = token, environment = Environment.SANDBOX, baseUrl = sandbox.baseUrl, options = options)
