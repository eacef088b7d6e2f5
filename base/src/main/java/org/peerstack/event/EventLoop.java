package org.peerstack.event;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The peerstack-owned threads that deliver events: daemon threads named {@code peerstack-event-N}, at
 * most {@link #MAX_THREADS}, idle ones retire after {@link #KEEP_ALIVE}. Per-target ordering comes from
 * {@link EventDispatcher}; this class only supplies threads and counts undelivered events so that a
 * caller can wait until everything fired so far has been delivered ({@link #awaitQuiescence}).
 */
public final class EventLoop {

    /** Most threads delivering events at once (targets beyond that wait their turn). */
    public static final int MAX_THREADS = 4;
    /** How long an idle event thread lives. */
    public static final Duration KEEP_ALIVE = Duration.ofSeconds(30);

    private static final EventLoop SHARED = new EventLoop("peerstack-event-");

    private final java.util.concurrent.Executor executor;
    private final Object lock = new Object();
    private long undelivered;

    private EventLoop(String threadPrefix) {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(MAX_THREADS, MAX_THREADS,
                KEEP_ALIVE.toMillis(), TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, threadPrefix + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        this.executor = pool;
    }

    private EventLoop(java.util.concurrent.Executor executor) {
        this.executor = java.util.Objects.requireNonNull(executor, "executor");
    }

    /**
     * An event loop delivering on {@code executor} instead of peerstack's own threads, e.g. to run
     * listeners on an application's thread or a test's. Ordering per target still comes from
     * {@link EventDispatcher}: the executor only has to run each task once, on any thread, and must not
     * run it on the thread that submits it (firing never blocks and never runs listeners inline).
     * {@link #isEventThread()} knows only the shared loop's threads.
     *
     * @param executor runs delivery tasks; not null. The loop does not own it and never shuts it down.
     * @return a new event loop; pass it to {@link EventDispatcher#EventDispatcher(EventLoop)}
     * @throws NullPointerException if {@code executor} is null
     */
    public static EventLoop create(java.util.concurrent.Executor executor) {
        return new EventLoop(executor);
    }

    /**
     * The process-wide event loop every peerstack object uses by default: at most {@link #MAX_THREADS}
     * daemon threads named {@code peerstack-event-N}, created on demand.
     *
     * @return the shared loop; always the same instance
     */
    public static EventLoop shared() {
        return SHARED;
    }

    /**
     * Whether the calling thread is one of the shared loop's event threads (named
     * {@code peerstack-event-N}); threads of an executor given to {@link #create} are not recognised.
     * Blocking calls use it to refuse waiting on an event thread, where they would deadlock.
     *
     * @return true on a shared event thread
     */
    public static boolean isEventThread() {
        return Thread.currentThread().getName().startsWith("peerstack-event-");
    }

    /**
     * Waits until every event fired before this call (on any target using this loop) has been
     * delivered to its listeners, or {@code timeout} passes.
     *
     * @param timeout the longest time to wait; zero or negative checks once without waiting
     * @return true if quiescent, false on timeout
     * @throws InterruptedException if the calling thread is interrupted while waiting
     */
    public boolean awaitQuiescence(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (undelivered > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
            return true;
        }
    }

    void execute(Runnable task) {
        executor.execute(task);
    }

    void enter() {
        synchronized (lock) {
            undelivered++;
        }
    }

    void exit() {
        synchronized (lock) {
            if (--undelivered == 0) {
                lock.notifyAll();
            }
        }
    }
}
