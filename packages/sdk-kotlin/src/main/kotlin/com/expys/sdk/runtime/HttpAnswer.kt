package com.expys.sdk.runtime

import kotlinx.coroutines.CancellableContinuation
import kotlinx.coroutines.suspendCancellableCoroutine
import okhttp3.Call
import okhttp3.Callback
import okhttp3.Headers
import okhttp3.HttpUrl
import okhttp3.OkHttpClient
import okhttp3.Request
import okhttp3.Response
import java.io.IOException
import kotlin.coroutines.resumeWithException
import kotlin.time.Duration

/** A whole answer: status, headers and the body, read to its end. */
internal class HttpAnswer(val status: Int, val headers: Headers, val body: String, val url: HttpUrl) {
    /** For a success (2xx), what [answer]'s `readSuccess` made of the body. */
    var value: Any? = null
}

/**
 * Sends [request] and reads its whole answer, suspending until then; `null` when no
 * whole answer, body included, arrived within [timeout], so a body that stalls ends
 * in a timeout rather than a hang. Cancelling the coroutine cancels the call, which
 * closes its socket; the body is read and closed on OkHttp's thread before the
 * coroutine resumes, so an answer racing the cancellation is released, never leaked.
 *
 * The timeout ends the wait at once, as a cancellation does, and cancels the call.
 * It is kept by [timers], not by OkHttp's call timeout or `withTimeoutOrNull`: both
 * wake a timer thread on every call (okio's watchdog; kotlinx.coroutines'
 * `DefaultExecutor`, which keeps the timeouts of `runBlocking` and of
 * `Dispatchers.Default`); bench/kotlin/README.md has what each cost.
 */
internal suspend fun OkHttpClient.answer(
    request: Request,
    timeout: Duration,
    calls: MutableSet<Call>,
    timers: CallTimers,
    readSuccess: (HttpAnswer) -> Any?,
): HttpAnswer? {
    val call = newCall(request)
    calls.add(call)
    try {
        return suspendCancellableCoroutine { continuation ->
            val deadline = timers.schedule(timeout, continuation.context) { continuation.cancel(DeadlinePassed()) }
            continuation.invokeOnCancellation {
                deadline.dispose()
                call.cancel()
            }
            call.enqueue(WholeAnswer(continuation, readSuccess, deadline::dispose))
        }
    } catch (_: DeadlinePassed) {
        return null
    } finally {
        calls.remove(call)
    }
}

/** Why a call's wait ended when its deadline passed; never leaves [answer]. */
private class DeadlinePassed : Exception("the whole answer did not arrive in time")

/**
 * Reads the whole answer on OkHttp's thread, and a success's body as the result
 * ([readSuccess]), then resumes the caller with both. Reading here, not in the
 * caller's coroutine, keeps its thread off the network (Android's main thread may
 * not read a socket); decoding here too, on the thread that just read the bytes,
 * so the caller resumes once with the result, as Retrofit's converters run, cut 9
 * to 28 µs a loopback call (bench/kotlin/README.md). The deadline ends once the
 * body is in: decoding is not network time.
 */
private class WholeAnswer(
    private val continuation: CancellableContinuation<HttpAnswer>,
    private val readSuccess: (HttpAnswer) -> Any?,
    private val settled: () -> Unit,
) : Callback {
    override fun onFailure(call: Call, e: IOException) = fail(e)

    override fun onResponse(call: Call, response: Response) {
        // Whatever goes wrong here, the caller hears of it: OkHttp would only log it, and the caller would wait for ever.
        val answer = try {
            response.use { HttpAnswer(it.code, it.headers, it.body.string(), it.request.url) }
        } catch (e: Throwable) {
            return fail(e)
        }
        settled()
        try {
            if (answer.status in 200..299) answer.value = readSuccess(answer)
        } catch (e: Throwable) {
            return continuation.resumeWithException(e)
        }
        continuation.resume(answer) { _, _, _ -> }
    }

    private fun fail(e: Throwable) {
        settled()
        continuation.resumeWithException(e)
    }
}
