package org.peerstack.signaling.server.cluster;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The directory's one thread ({@code signaling-cluster}, a daemon): the heartbeat, the rebuild, the
 * health state and the sending of every script run here, so scripts reach Redis in the order they
 * were queued and the node's membership state needs no lock. Nothing runs once it is closed.
 */
final class DirectoryThread {

    private final ScheduledExecutorService executor =
            Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("signaling-cluster", true));
    private volatile boolean closed;

    /** The thread as an executor (for {@link Outbox}'s drain task). */
    Executor executor() {
        return executor;
    }

    /** Runs {@code task} now and then every {@code delayMs} after each run ends. */
    void every(Runnable task, long delayMs) {
        executor.scheduleWithFixedDelay(task, 0, delayMs, TimeUnit.MILLISECONDS);
    }

    /** Runs {@code task} on this thread; nothing once closed. */
    void run(Runnable task) {
        if (closed) {
            return;
        }
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            // closed meanwhile
        }
    }

    /** True once {@link #close} has begun: tasks still running should do nothing more. */
    boolean closed() {
        return closed;
    }

    /** Stops the thread, waiting up to {@code timeoutMs} for the task in progress. */
    void close(long timeoutMs) {
        closed = true;
        executor.shutdown();
        try {
            executor.awaitTermination(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
