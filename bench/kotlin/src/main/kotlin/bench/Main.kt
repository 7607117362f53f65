// The Kotlin SDK beside what a Kotlin user would use instead, in one run:
// per-call overhead against a raw OkHttp call, the SSE parser's throughput against
// okhttp-sse's own reader on the same bytes, and heap use over 1,000,000 streamed
// events. Run: npm run kotlin -w @expys/bench (after npm run build).
package bench

fun main(args: Array<String>) {
    val only = args.toSet()
    println("Expys Kotlin SDK benchmarks, JVM ${System.getProperty("java.version")}, ${Runtime.getRuntime().availableProcessors()} cores")
    if (only.isEmpty() || "calls" in only) callOverhead()
    if (only.isEmpty() || "parser" in only) parserThroughput()
    if (only.isEmpty() || "memory" in only) streamMemory()
}

/** The median of a list of numbers. */
fun median(values: List<Double>): Double = values.sorted().let { sorted ->
    if (sorted.size % 2 == 1) sorted[sorted.size / 2] else (sorted[sorted.size / 2 - 1] + sorted[sorted.size / 2]) / 2
}

fun format(value: Double, digits: Int = 2): String = "%.${digits}f".format(value)
