package com.expys.sdk.runtime

import kotlinx.coroutines.suspendCancellableCoroutine
import kotlinx.coroutines.withTimeoutOrNull
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
internal class HttpAnswer(val status: Int, val headers: Headers, val body: String, val url: HttpUrl)

/**
 * Sends [request] and reads its whole answer, suspending until then; `null` when no
 * whole answer, body included, arrived within [timeout], so a body that stalls ends
 * in a timeout rather than a hang. Cancelling the coroutine (the timeout does too)
 * cancels the call, which closes its socket; the body is read and closed on OkHttp's
 * thread before the coroutine resumes, so an answer racing the cancellation is
 * released, never leaked.
 *
 * The timeout is the coroutine's (`withTimeoutOrNull`), not OkHttp's call timeout:
 * OkHttp's wakes its watchdog thread on every call, which cost a tenth of a loopback
 * call here (bench/kotlin), while a coroutine timeout is kept by the caller's own
 * event loop where it has one.
 */
internal suspend fun OkHttpClient.answer(request: Request, timeout: Duration, calls: MutableSet<Call>): HttpAnswer? = withTimeoutOrNull(timeout) {
    exchange(request, calls)
}

private suspend fun OkHttpClient.exchange(request: Request, calls: MutableSet<Call>): HttpAnswer {
    val call = newCall(request)
    calls.add(call)
    try {
        return suspendCancellableCoroutine { continuation ->
            continuation.invokeOnCancellation { call.cancel() }
            call.enqueue(
                object : Callback {
                    override fun onFailure(call: Call, e: IOException) {
                        continuation.resumeWithException(e)
                    }

                    override fun onResponse(call: Call, response: Response) {
                        val answer = try {
                            response.use { HttpAnswer(it.code, it.headers, it.body.string(), it.request.url) }
                        } catch (e: IOException) {
                            continuation.resumeWithException(e)
                            return
                        }
                        continuation.resume(answer) { _, _, _ -> }
                    }
                },
            )
        }
    } finally {
        calls.remove(call)
    }
}
