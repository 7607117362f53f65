package bench

import com.expys.sdk.ClientOptions
import com.expys.sdk.Environment
import com.expys.sdk.ExpysClient
import com.expys.sdk.LogLevel
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.runBlocking
import java.net.InetAddress
import java.net.ServerSocket
import kotlin.concurrent.thread

private const val EVENTS = 1_000_000
private const val SAMPLE_EVERY = 100_000

/**
 * 1,000,000 message events streamed over loopback from a minimal server through
 * `streamMessages(...).take(1_000_000)`, every one decoded into a `Message`. The heap
 * in use after a full GC is sampled every 100,000 events: it must stay flat, as the
 * parser and the flow hold a bounded amount whatever the stream's length.
 */
fun streamMemory() {
    val server = ServerSocket(0, 50, InetAddress.getLoopbackAddress())
    val writer = thread(isDaemon = true) {
        server.accept().use { socket ->
            // The request's head ends with an empty line.
            val head = socket.getInputStream().bufferedReader()
            while (!head.readLine().isNullOrEmpty()) continue
            val out = socket.getOutputStream().buffered(64 * 1024)
            out.write("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\nretry: 1000\n\n".encodeToByteArray())
            runCatching {
                for (index in 1..EVENTS + 10) {
                    out.write("id: $index\nevent: message\ndata: {\"id\":\"msg_$index\",\"type\":\"text\",\"authorID\":\"concierge\",\"body\":\"message number $index\",\"createdAt\":\"2026-12-01T12:00:00.000Z\"}\n\n".encodeToByteArray())
                }
                out.flush()
            }
        }
    }
    val runtime = Runtime.getRuntime()
    val samples = ArrayList<Pair<Int, Long>>()
    val start = System.nanoTime()
    ExpysClient(token = "bench", environment = Environment.SANDBOX, baseUrl = "http://127.0.0.1:${server.localPort}", options = ClientOptions(logLevel = LogLevel.OFF)).use { expys ->
        var received = 0
        runBlocking {
            expys.streamMessages("cnv_bench").take(EVENTS).collect { message ->
                received++
                check(message.id == "msg_$received")
                if (received % SAMPLE_EVERY == 0) {
                    System.gc()
                    samples += received to (runtime.totalMemory() - runtime.freeMemory())
                }
            }
        }
    }
    val seconds = (System.nanoTime() - start) / 1e9
    server.close()
    writer.join(5_000)
    val heaps = samples.map { it.second / 1_048_576.0 }
    println("streamed $EVENTS events in ${format(seconds, 1)} s (${format(EVENTS / seconds, 0)} events/s); heap after GC every $SAMPLE_EVERY: ${heaps.joinToString(", ") { format(it, 1) }} MiB; spread ${format(heaps.max() - heaps.min(), 1)} MiB")
}
