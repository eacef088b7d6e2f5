package org.peerstack.internal.rtc;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The process-wide thread pools peer connections use unless an engine is given others
 * ({@code org.peerstack.rtc.EngineOptions}). Each is created on first use; all threads are daemons.
 * Not public API.
 */
public final class SharedPools {

    private SharedPools() {
    }

    private static final class Callbacks {
        static final ExecutorService POOL = cached("peerstack-callback-");
    }

    private static final class Connections {
        static final ExecutorService POOL = cached("peerstack-rtc-");
    }

    private static final class Timers {
        static final ScheduledExecutorService POOL = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "peerstack-rtc-timer");
            t.setDaemon(true);
            return t;
        });
    }

    /** {@code peerstack-callback-N}: completes user futures (cached, grows as stages block). */
    public static ExecutorService callbacks() {
        return Callbacks.POOL;
    }

    /** {@code peerstack-rtc-N}: runs every connection's serial executor (cached). */
    public static ExecutorService connections() {
        return Connections.POOL;
    }

    /** {@code peerstack-rtc-timer}: timers of connections and data channels (one thread). */
    public static ScheduledExecutorService timers() {
        return Timers.POOL;
    }

    private static ExecutorService cached(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, prefix + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }
}
