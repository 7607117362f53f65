package com.expys.conformance

import kotlinx.coroutines.CancellableContinuation
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.Delay
import kotlinx.coroutines.DisposableHandle
import kotlinx.coroutines.InternalCoroutinesApi
import kotlinx.coroutines.Runnable
import okhttp3.Call
import okhttp3.EventListener
import java.io.IOException
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicBoolean
import java.util.concurrent.atomic.AtomicInteger
import kotlin.coroutines.CoroutineContext
import kotlin.coroutines.resume

/** One scheduler thread for every client's delays; daemon, so it never keeps the service alive. */
private val scheduler = Executors.newSingleThreadScheduledExecutor { Thread(it, "conformance-timers").apply { isDaemon = true } }

/**
 * Runs a client's coroutines on [inner] and counts its pending delays: `delay()` in
 * code dispatched here (retry waits, stream reconnect waits) is scheduled through
 * [scheduleResumeAfterDelay], which kotlinx.coroutines calls for a dispatcher that
 * implements [Delay], and so are `withTimeout`'s timers (the SDK's whole-answer
 * timeout). Each counts from when it is scheduled until it fires or is cancelled.
 */
@OptIn(InternalCoroutinesApi::class)
class CountingDispatcher(private val inner: CoroutineDispatcher, private val timers: AtomicInteger) : CoroutineDispatcher(), Delay {
    override fun isDispatchNeeded(context: CoroutineContext): Boolean = inner.isDispatchNeeded(context)

    override fun dispatch(context: CoroutineContext, block: Runnable) = inner.dispatch(context, block)

    override fun scheduleResumeAfterDelay(timeMillis: Long, continuation: CancellableContinuation<Unit>) {
        timers.incrementAndGet()
        val settled = AtomicBoolean()
        val settle = { if (settled.compareAndSet(false, true)) timers.decrementAndGet() }
        val future = scheduler.schedule({
            settle()
            continuation.resume(Unit)
        }, timeMillis, TimeUnit.MILLISECONDS)
        continuation.invokeOnCancellation {
            future.cancel(false)
            settle()
        }
    }

    /** `withTimeout` in code dispatched here: a timer from when it is set until it fires or is disposed. */
    override fun invokeOnTimeout(timeMillis: Long, block: Runnable, context: CoroutineContext): DisposableHandle {
        timers.incrementAndGet()
        val settled = AtomicBoolean()
        val settle = { if (settled.compareAndSet(false, true)) timers.decrementAndGet() }
        val future = scheduler.schedule({
            settle()
            block.run()
        }, timeMillis, TimeUnit.MILLISECONDS)
        return DisposableHandle {
            future.cancel(false)
            settle()
        }
    }
}

/**
 * Counts the HTTP exchanges the SDK has started and not finished: OkHttp ends a call
 * (`callEnd`) only once its response body is read or closed, and fails it
 * (`callFailed`) when it is cancelled or breaks.
 */
class ExchangeCounter : EventListener() {
    val open = AtomicInteger()

    override fun callStart(call: Call) {
        open.incrementAndGet()
    }

    override fun callEnd(call: Call) {
        open.decrementAndGet()
    }

    override fun callFailed(call: Call, ioe: IOException) {
        open.decrementAndGet()
    }
}
