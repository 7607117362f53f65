package com.expys.sdk.runtime

import kotlinx.coroutines.suspendCancellableCoroutine
import okhttp3.Call
import okhttp3.Callback
import okhttp3.Headers
import okhttp3.HttpUrl
import okhttp3.OkHttpClient
import okhttp3.Request
import okhttp3.Response
import java.io.IOException
import java.util.concurrent.TimeUnit
import kotlin.coroutines.resumeWithException
import kotlin.time.Duration

/** A whole answer: status, headers and the body, read to its end. */
internal class HttpAnswer(val status: Int, val headers: Headers, val body: String, val url: HttpUrl)

/**
 * Sends [request] and reads its whole answer, suspending until then. The call's
 * timeout spans the whole exchange, body included, so a body that stalls ends in a
 * timeout rather than a hang. Cancelling the coroutine cancels the call, which closes
 * its socket; the body is read and closed on OkHttp's thread before the coroutine
 * resumes, so an answer racing the cancellation is released, never leaked.
 */
internal suspend fun OkHttpClient.answer(request: Request, timeout: Duration, calls: MutableSet<Call>): HttpAnswer {
    val call = newCall(request)
    call.timeout().timeout(timeout.inWholeMilliseconds, TimeUnit.MILLISECONDS)
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
