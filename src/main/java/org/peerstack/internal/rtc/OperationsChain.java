package org.peerstack.internal.rtc;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The W3C "operations chain" of a peer connection: createOffer, createAnswer, setLocalDescription,
 * setRemoteDescription and addIceCandidate run one after another, each starting when the previous one
 * has settled, whatever order their callers' threads reach the connection in. Each operation starts on
 * the connection's {@link SerialExecutor}.
 *
 * <p>Results are handed to the caller's future on a peerstack callback thread ({@code peerstack-callback-N}),
 * never on a libwebrtc thread and never on the connection's executor, so a caller may block or call back
 * into the connection from a dependent stage without deadlocking it.
 */
public final class OperationsChain {

    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final ExecutorService CALLBACKS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "peerstack-callback-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    private final SerialExecutor executor;
    private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);
    private int pending;
    private Runnable onIdle = () -> { };

    public OperationsChain(SerialExecutor executor) {
        this.executor = executor;
    }

    /** The executor on which user-facing futures complete. */
    public static Executor callbacks() {
        return CALLBACKS;
    }

    /**
     * Longest time one operation may wait for libwebrtc's answer before it fails with a timeout, so that
     * a callback libwebrtc never makes cannot stall the chain (and every later operation) for ever.
     */
    public static final Duration OPERATION_TIMEOUT = Duration.ofSeconds(30);

    /** Runs {@code operation} after every earlier one settled; the result completes on a callback thread. */
    public synchronized <T> CompletableFuture<T> enqueue(Supplier<CompletableFuture<T>> operation) {
        CompletableFuture<T> result = new CompletableFuture<>();
        pending++;
        // The tail itself never fails: each link turns its outcome into the caller's future and completes normally.
        tail = tail.thenComposeAsync(ignored -> {
            CompletableFuture<T> started;
            try {
                started = operation.get();
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Throwable e) {
                started = CompletableFuture.failedFuture(e);
            }
            return started.orTimeout(OPERATION_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).handleAsync((value, error) -> {
                CALLBACKS.execute(() -> {
                    if (error != null) {
                        result.completeExceptionally(unwrap(error));
                    } else {
                        result.complete(value);
                    }
                    // The caller's synchronous dependents have run: only now is the operation settled.
                    executor.execute(this::settle);
                });
                return null;
            }, executor);
        }, executor);
        return result;
    }

    /** True when no operation is queued or running and every caller's future has completed. */
    public synchronized boolean isIdle() {
        return pending == 0;
    }

    /**
     * {@code task} runs on the executor each time the chain becomes idle, after the last caller's future
     * completed (negotiationneeded re-checks, held icecandidate events).
     */
    public synchronized void onIdle(Runnable task) {
        this.onIdle = task;
    }

    private void settle() {
        Runnable idle = null;
        synchronized (this) {
            if (--pending == 0) {
                idle = onIdle;
            }
        }
        if (idle != null) {
            idle.run();
        }
    }

    private static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while ((t instanceof java.util.concurrent.CompletionException || t instanceof java.util.concurrent.ExecutionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
