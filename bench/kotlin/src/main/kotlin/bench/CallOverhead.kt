package bench

import com.expys.sdk.ClientOptions
import com.expys.sdk.Environment
import com.expys.sdk.ExpysClient
import com.expys.sdk.ListMessagesResponse
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.suspendCancellableCoroutine
import kotlinx.coroutines.withContext
import kotlinx.serialization.json.Json
import okhttp3.Call
import okhttp3.Callback
import okhttp3.HttpUrl
import okhttp3.HttpUrl.Companion.toHttpUrl
import okhttp3.OkHttpClient
import okhttp3.Request
import okhttp3.Response
import java.io.IOException
import kotlin.coroutines.CoroutineContext
import kotlin.coroutines.EmptyCoroutineContext
import kotlin.coroutines.resume
import kotlin.coroutines.resumeWithException

private const val BLOCK = 100
private val ROUNDS = Integer.getInteger("bench.rounds", 200)
private val WARM_UP_ROUNDS = Integer.getInteger("bench.warmup", 100)

/** One way of making the call, named for the output; answers the number of messages on the page. */
private class Way(val name: String, val call: suspend () -> Int)

/**
 * Sequential `listMessages(id, limit = 20)` calls on loopback against a sandbox in
 * its own process: the SDK (retries, idempotency, the whole-answer timeout, checked
 * headers, typed errors, decoding) beside what a user writes with raw OkHttp
 * instead. Every way shares one `OkHttpClient` (pool, dispatcher, timeouts), runs in
 * the same coroutine context, builds each request anew (the id path-encoded, the
 * bearer header) and decodes the body into the same class with the same `Json`
 * settings. Each round runs a block of [BLOCK] calls of every way, the order
 * rotating from round to round, so every ratio compares blocks run moments apart on
 * a machine whose load keeps changing; the result is the median ratio of [ROUNDS]
 * rounds.
 */
fun callOverhead() {
    SandboxProcess().use { sandbox ->
        val http = OkHttpClient()
        val raw = RawCalls(http, sandbox)
        ExpysClient(token = sandbox.memberToken, environment = Environment.SANDBOX, baseUrl = sandbox.baseUrl, options = ClientOptions(httpClient = http)).use { expys ->
            val ways = listOf(
                Way("SDK") { expys.listMessages(sandbox.conversationId, limit = 20).messages.size },
                Way("raw, okhttp-coroutines' form", raw::documented),
                Way("raw, body read on the caller's thread", raw::readByCaller),
                Way("raw, body read and decoded in the callback", raw::readInCallback),
                Way("raw execute(), blocking the caller", raw::blocking),
            )
            compare("in runBlocking", EmptyCoroutineContext, ways)
            compare("on Dispatchers.Default", Dispatchers.Default, ways)
        }
    }
}

/** The same call made with OkHttp alone. */
private class RawCalls(private val http: OkHttpClient, sandbox: SandboxProcess) {
    private val base: HttpUrl = sandbox.baseUrl.toHttpUrl()
    private val token = sandbox.memberToken
    private val id = sandbox.conversationId
    private val json = Json { ignoreUnknownKeys = true }

    private fun request(): Request = Request.Builder()
        .url(base.newBuilder().addPathSegments("v1/conversations").addPathSegment(id).addPathSegment("messages").addQueryParameter("limit", "20").build())
        .header("Authorization", "Bearer $token")
        .build()

    private fun decode(text: String): Int = json.decodeFromString(ListMessagesResponse.serializer(), text).messages.size

    private fun textOf(response: Response): String = response.use {
        check(it.isSuccessful) { "HTTP ${it.code}" }
        it.body.string()
    }

    /**
     * What okhttp-coroutines' README shows: `executeAsync()` (an `enqueue` inside
     * `suspendCancellableCoroutine` that resumes with the `Response`), then the body
     * read inside `withContext(Dispatchers.IO)`, so the caller's thread never blocks
     * on the socket.
     */
    suspend fun documented(): Int {
        val response = http.newCall(request()).awaitWith { it }
        return decode(withContext(Dispatchers.IO) { textOf(response) })
    }

    /** The same without the hop to `Dispatchers.IO`: a blocking read in the caller's coroutine. */
    suspend fun readByCaller(): Int = decode(textOf(http.newCall(request()).awaitWith { it }))

    /** The body read and decoded in the callback on OkHttp's thread; the caller resumes with the page. */
    suspend fun readInCallback(): Int = http.newCall(request()).awaitWith { decode(textOf(it)) }

    /** A blocking `execute()` on the caller's thread, which a `suspend` function must not do, for reference. */
    @Suppress("RedundantSuspendModifier")
    suspend fun blocking(): Int = decode(textOf(http.newCall(request()).execute()))
}

/** Enqueues the call and resumes with what [onResponse] makes of the response on OkHttp's thread. */
private suspend fun <T> Call.awaitWith(onResponse: (Response) -> T): T = suspendCancellableCoroutine { continuation ->
    continuation.invokeOnCancellation { cancel() }
    enqueue(
        object : Callback {
            override fun onFailure(call: Call, e: IOException) = continuation.resumeWithException(e)

            override fun onResponse(call: Call, response: Response) {
                val result = try {
                    onResponse(response)
                } catch (e: IOException) {
                    return continuation.resumeWithException(e)
                }
                continuation.resume(result)
            }
        },
    )
}

private fun compare(where: String, context: CoroutineContext, ways: List<Way>) = runBlocking {
    withContext(context) {
        suspend fun block(way: Way) = repeat(BLOCK) { check(way.call() == 20) }
        repeat(WARM_UP_ROUNDS) { ways.forEach { block(it) } } // JIT, connection pool, OkHttp's threads
        val runs = ways.associateWith { ArrayList<Run>() }
        repeat(ROUNDS) { round ->
            for (i in ways.indices) {
                val way = ways[(i + round) % ways.size]
                runs.getValue(way) += timed { block(way) }
            }
        }
        report(where, ways, runs)
    }
}

private fun report(where: String, ways: List<Way>, runs: Map<Way, List<Run>>) {
    val sdk = runs.getValue(ways.first())
    println("per call (listMessages, limit 20, loopback), $where, medians of $ROUNDS rounds of $BLOCK calls each:")
    for (way in ways) {
        val own = runs.getValue(way)
        val wall = median(own.map { it.wallNs / BLOCK / 1000.0 })
        val cpu = median(own.map { it.cpuNs / BLOCK / 1000.0 })
        val kib = median(own.map { it.bytes / BLOCK / 1024.0 })
        val ratio = if (own === sdk) "" else ", SDK/this ${format(median(own.indices.map { sdk[it].wallNs.toDouble() / own[it].wallNs }), 3)}x"
        println("  ${way.name}: ${format(wall, 0)} µs (client CPU ${format(cpu, 1)} µs, ${format(kib, 1)} KiB allocated)$ratio")
    }
}

private class Run(val wallNs: Long, val cpuNs: Long, val bytes: Long)

private val threads = java.lang.management.ManagementFactory.getThreadMXBean() as com.sun.management.ThreadMXBean

/**
 * Wall time, and the CPU time and allocation of every thread of this JVM that runs
 * Java code (the caller's, OkHttp's, kotlinx.coroutines'), read from each thread's
 * own nanosecond clock: the process's CPU time comes in 10 ms ticks, too coarse for
 * a block. The JVM's GC and JIT threads are not counted.
 */
private suspend fun timed(block: suspend () -> Unit): Run {
    val before = threadTotals()
    val start = System.nanoTime()
    block()
    val wall = System.nanoTime() - start
    val after = threadTotals()
    return Run(wall, after.first - before.first, after.second - before.second)
}

private fun threadTotals(): Pair<Long, Long> {
    val ids = threads.allThreadIds
    return threads.getThreadCpuTime(ids).sumOf { maxOf(it, 0) } to threads.getThreadAllocatedBytes(ids).sumOf { maxOf(it, 0) }
}
