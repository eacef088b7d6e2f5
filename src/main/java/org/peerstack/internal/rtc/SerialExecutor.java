package org.peerstack.internal.rtc;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one at a time, in submission order, on a pool (by default the shared
 * {@code peerstack-rtc-N} daemon threads): each peer connection owns one, so its native calls and state changes are serialised without a thread of its
 * own (a closed connection leaves no thread behind). Tasks must not block on libwebrtc callbacks that
 * need this executor.
 */
public final class SerialExecutor implements Executor {

    private static final Logger LOG = LoggerFactory.getLogger(SerialExecutor.class);

    private final Executor pool;
    private final Queue<Runnable> tasks = new ArrayDeque<>();
    private boolean running;
    private volatile Thread current;
    private boolean shutdown;

    /** A serial executor on the shared {@code peerstack-rtc-N} pool. */
    public SerialExecutor() {
        this(SharedPools.connections());
    }

    /** A serial executor whose tasks run, one at a time, on {@code pool}. */
    public SerialExecutor(Executor pool) {
        this.pool = java.util.Objects.requireNonNull(pool, "pool");
    }

    @Override
    public void execute(Runnable task) {
        synchronized (tasks) {
            if (shutdown) {
                throw new RejectedExecutionException("executor is shut down");
            }
            tasks.add(task);
            if (running) {
                return;
            }
            running = true;
        }
        pool.execute(this::drain);
    }

    /** Runs {@code task} unless the executor is shut down; never throws. */
    public void executeIfOpen(Runnable task) {
        try {
            execute(task);
        } catch (RejectedExecutionException e) {
            // closed: the task has nothing left to act on
        }
    }

    /** True when called from a task of this executor. */
    public boolean inExecutor() {
        return current == Thread.currentThread();
    }

    /** Rejects new tasks; queued ones still run. */
    public void shutdown() {
        synchronized (tasks) {
            shutdown = true;
        }
    }

    private void drain() {
        current = Thread.currentThread();
        try {
            while (true) {
                Runnable task;
                synchronized (tasks) {
                    task = tasks.poll();
                    if (task == null) {
                        running = false;
                        return;
                    }
                }
                try {
                    task.run();
                } catch (RuntimeException | Error e) {
                    if (e instanceof VirtualMachineError) {
                        throw e;
                    }
                    LOG.error("peer connection task failed", e);
                }
            }
        } finally {
            current = null;
        }
    }
}
