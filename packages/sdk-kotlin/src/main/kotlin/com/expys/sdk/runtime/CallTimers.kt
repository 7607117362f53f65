package com.expys.sdk.runtime

import kotlinx.coroutines.Delay
import kotlinx.coroutines.DisposableHandle
import kotlinx.coroutines.InternalCoroutinesApi
import java.util.TreeSet
import java.util.concurrent.locks.ReentrantLock
import kotlin.concurrent.withLock
import kotlin.coroutines.CoroutineContext
import kotlin.time.Duration

/** Where the whole-answer timeout of each attempt is kept: runs an action once a deadline passes, unless disposed first. */
internal fun interface CallTimers {
    fun schedule(after: Duration, context: CoroutineContext, action: Runnable): DisposableHandle

    companion object {
        /**
         * A [dispatcher] that keeps time itself (a test dispatcher, the conformance
         * service's counting one, which checks that no timer outlives its call) keeps
         * the calls' timeouts too. Any other, such as `Dispatchers.IO`, has no clock of
         * its own, and `withTimeoutOrNull` in a caller's `runBlocking` or on
         * `Dispatchers.Default` hands its timer to kotlinx.coroutines' `DefaultExecutor`
         * thread, which is woken for every call: [DeadlineTimer] keeps those, which
         * saved 4 to 26 µs a loopback call in three runs of four (bench/kotlin/README.md).
         */
        @OptIn(InternalCoroutinesApi::class)
        fun of(dispatcher: Any): CallTimers = if (dispatcher is Delay) {
            CallTimers { after, context, action -> dispatcher.invokeOnTimeout(after.inWholeMilliseconds, action, context) }
        } else {
            CallTimers { after, _, action -> DeadlineTimer.schedule(after, action) }
        }
    }
}

/**
 * One daemon thread for the deadlines of every call in flight, in every client. A
 * call's deadline is almost always disposed long before it passes, so the thread is
 * woken only when a deadline lies before the moment it already means to look again;
 * a steady stream of calls with the same timeout wakes it about once per timeout,
 * not once per call (okio's watchdog and kotlinx.coroutines' `DefaultExecutor` wake
 * for each). With nothing pending, the thread ends after [LINGER_NANOS].
 */
internal object DeadlineTimer {
    private const val LINGER_NANOS = 10_000_000_000L

    /** Far enough to mean "never", near enough that `a - b` of two instants cannot overflow. */
    private const val NEVER_NANOS = Long.MAX_VALUE / 4

    private val lock = ReentrantLock()
    private val changed = lock.newCondition()
    private val pending = TreeSet<Deadline>()
    private var sequence = 0L
    private var running = false

    /** When the thread looks at [pending] next by itself; only an earlier deadline needs to wake it. */
    private var wakeAt = 0L

    fun schedule(after: Duration, action: Runnable): DisposableHandle {
        val deadline = Deadline(System.nanoTime() + after.inWholeNanoseconds.coerceIn(0, NEVER_NANOS), action)
        lock.withLock {
            deadline.sequence = sequence++
            pending.add(deadline)
            if (!running) {
                Thread(::run, "expys-deadlines").apply { isDaemon = true }.start()
                running = true
            } else if (deadline.at - wakeAt < 0) {
                changed.signal()
            }
        }
        return deadline
    }

    /** Deadlines neither passed nor disposed, across every client. */
    fun pendingCount(): Int = lock.withLock { pending.size }

    private fun dispose(deadline: Deadline) {
        lock.withLock { pending.remove(deadline) }
    }

    private fun run() {
        try {
            while (true) {
                // null once nothing is pending for a while; nextDue() has already marked the thread ended.
                val due = nextDue() ?: return
                for (deadline in due) deadline.fire()
            }
        } catch (e: Throwable) {
            // Only after an error: the next schedule starts a new thread. Clearing the flag on a normal
            // end too could clear it for a thread that a schedule has started since.
            lock.withLock { running = false }
            throw e
        }
    }

    /** Waits for the deadlines that have passed and takes them out; `null` when the thread should end. */
    private fun nextDue(): List<Deadline>? {
        lock.lock()
        try {
            return waitForDue()
        } finally {
            lock.unlock()
        }
    }

    private fun waitForDue(): List<Deadline>? {
        var lingering = false
        while (true) {
            val now = System.nanoTime()
            val first = pending.firstOrNull()
            if (first == null) {
                if (lingering && now - wakeAt >= 0) {
                    running = false
                    return null
                }
                if (!lingering) wakeAt = now + LINGER_NANOS
                lingering = true
            } else if (first.at - now <= 0) {
                val due = ArrayList<Deadline>(1)
                while (pending.firstOrNull()?.let { it.at - now <= 0 } == true) due.add(pending.pollFirst()!!)
                return due
            } else {
                lingering = false
                wakeAt = first.at
            }
            try {
                changed.awaitNanos(wakeAt - now)
            } catch (_: InterruptedException) {
                // Nobody else owns this thread: look at the deadlines again.
            }
        }
    }

    private class Deadline(val at: Long, val action: Runnable) : DisposableHandle, Comparable<Deadline> {
        var sequence = 0L

        override fun compareTo(other: Deadline): Int = when {
            at != other.at -> if (at - other.at < 0) -1 else 1
            else -> sequence.compareTo(other.sequence)
        }

        fun fire() {
            try {
                action.run()
            } catch (e: Throwable) {
                Thread.currentThread().let { it.uncaughtExceptionHandler.uncaughtException(it, e) }
            }
        }

        override fun dispose() = dispose(this)
    }
}
