package bench

import com.expys.sdk.ClientOptions
import com.expys.sdk.Environment
import com.expys.sdk.ExpysClient
import com.expys.sdk.ListMessagesResponse
import com.expys.sdk.LogLevel
import kotlinx.coroutines.runBlocking
import kotlinx.serialization.json.Json
import kotlinx.coroutines.suspendCancellableCoroutine
import okhttp3.Call
import okhttp3.Callback
import okhttp3.OkHttpClient
import okhttp3.Request
import okhttp3.Response
import java.io.IOException
import kotlin.coroutines.resume
import kotlin.coroutines.resumeWithException

private const val BLOCK = 100
private const val PAIRS = 40

/**
 * Sequential `listMessages` calls on loopback against a sandbox in its own process:
 * the SDK (retries, idempotency, the whole-answer timeout, typed errors, decoding)
 * beside a raw OkHttp call that decodes the same JSON into the same class, made the
 * way a coroutine does it (`enqueue` with `suspendCancellableCoroutine`, which is
 * what okhttp-coroutines' `executeAsync` is), and, for reference, a blocking
 * `execute()` on the caller's thread, which a `suspend` function must not do. Blocks
 * of 100 calls alternate (SDK first, then raw first); each adjacent pair gives a
 * ratio, and the result is the median ratio.
 */
fun callOverhead() {
    for ((name, blocking) in listOf("raw OkHttp in a coroutine (enqueue)" to false, "raw OkHttp blocking the caller (execute)" to true).filter { System.getProperty("bench.only") == null || it.second.toString() == System.getProperty("bench.only") }) compare(name, blocking)
}

private suspend fun Call.await(): Response = suspendCancellableCoroutine { continuation ->
    continuation.invokeOnCancellation { cancel() }
    enqueue(
        object : Callback {
            override fun onFailure(call: Call, e: IOException) = continuation.resumeWithException(e)

            override fun onResponse(call: Call, response: Response) = continuation.resume(response)
        },
    )
}

private fun compare(name: String, blocking: Boolean) {
    SandboxProcess().use { sandbox ->
        val http = OkHttpClient()
        val json = Json { ignoreUnknownKeys = true }
        val request = Request.Builder()
            .url("${sandbox.baseUrl}/v1/conversations/${sandbox.conversationId}/messages?limit=20")
            .header("Authorization", "Bearer ${sandbox.memberToken}")
            .build()
        val raw = if (blocking) {
            {
                repeat(BLOCK) {
                    http.newCall(request).execute().use { response ->
                        check(response.isSuccessful)
                        json.decodeFromString(ListMessagesResponse.serializer(), response.body.string())
                    }
                }
            }
        } else {
            {
                runBlocking {
                    repeat(BLOCK) {
                        http.newCall(request).await().use { response ->
                            check(response.isSuccessful)
                            json.decodeFromString(ListMessagesResponse.serializer(), response.body.string())
                        }
                    }
                }
            }
        }
        ExpysClient(token = sandbox.memberToken, environment = Environment.SANDBOX, baseUrl = sandbox.baseUrl, options = ClientOptions(httpClient = http, logLevel = LogLevel.OFF)).use { expys ->
            val sdk = { runBlocking { repeat(BLOCK) { expys.listMessages(sandbox.conversationId, limit = 20) } } }
            repeat(20) { raw(); sdk() } // warm-up: JIT, connection pool
            val ratios = ArrayList<Double>()
            val sdkTimes = ArrayList<Double>()
            val rawTimes = ArrayList<Double>()
            val sdkCpu = ArrayList<Double>()
            val rawCpu = ArrayList<Double>()
            repeat(PAIRS) { pair ->
                val (first, second) = if (pair % 2 == 0) sdk to raw else raw to sdk
                val a = timed(first)
                val b = timed(second)
                val (sdkRun, rawRun) = if (pair % 2 == 0) a to b else b to a
                sdkTimes += sdkRun.wallNs / BLOCK / 1000.0
                rawTimes += rawRun.wallNs / BLOCK / 1000.0
                sdkCpu += sdkRun.cpuNs / BLOCK / 1000.0
                rawCpu += rawRun.cpuNs / BLOCK / 1000.0
                ratios += sdkRun.wallNs.toDouble() / rawRun.wallNs
            }
            println(
                "per call (listMessages, limit 20, loopback): SDK ${format(median(sdkTimes), 0)} µs (client CPU ${format(median(sdkCpu), 0)} µs), " +
                    "$name ${format(median(rawTimes), 0)} µs (client CPU ${format(median(rawCpu), 0)} µs); overhead, median of $PAIRS paired blocks of $BLOCK: ${format(median(ratios), 3)}x",
            )
        }
    }
}

private class Run(val wallNs: Long, val cpuNs: Long)

private val os = java.lang.management.ManagementFactory.getOperatingSystemMXBean() as com.sun.management.OperatingSystemMXBean

/** Wall time, and the CPU time of the whole JVM (every thread: the caller's, OkHttp's, the GC's). */
private fun timed(block: () -> Unit): Run {
    val cpu = os.processCpuTime
    val start = System.nanoTime()
    block()
    return Run(System.nanoTime() - start, os.processCpuTime - cpu)
}
