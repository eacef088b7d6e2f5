package org.peerstack.internal.rtc;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The W3C "operations chain" of a peer connection: createOffer, createAnswer, setLocalDescription,
 * setRemoteDescription and addIceCandidate run one after another, each starting when the previous one
 * has settled, whatever threads their callers are on.
 *
 * <p>An operation starts on the caller's thread when the chain is empty, otherwise on the thread that
 * settled the previous one; never on a libwebrtc thread. Results reach the caller's future on a
 * peerstack callback thread ({@code peerstack-callback-N}), one hop from libwebrtc's thread. The caller's
 * dependent stages run before the next queued operation starts, so they see the state the operation
 * left (as a browser's promise continuations do); an operation such a stage starts itself begins at once,
 * so a stage may block on it without deadlocking. The chain counts as idle ({@link #isIdle()},
 * {@link #onIdle}) only after those stages returned.
 */
public final class OperationsChain {

    /**
     * Longest time one operation may wait for libwebrtc's answer before it fails with a timeout, so that
     * a callback libwebrtc never makes cannot stall the chain (and every later operation) for ever.
     */
    public static final Duration OPERATION_TIMEOUT = Duration.ofSeconds(30);


    /** The chain whose operation's future is being completed on this thread (its dependents run inside). */
    private static final ThreadLocal<OperationsChain> COMPLETING = new ThreadLocal<>();

    private final Executor executor;
    private final Executor callbacks;
    private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);
    private int pending;
    private Runnable onIdle = () -> { };

    /** A chain completing futures on the shared {@code peerstack-callback-N} pool. */
    public OperationsChain(Executor executor) {
        this(executor, SharedPools.callbacks());
    }

    /**
     * @param executor  where {@link #onIdle} hooks run (the connection's serial executor)
     * @param callbacks where user-facing futures complete; dependent stages may block there
     */
    public OperationsChain(Executor executor, Executor callbacks) {
        this.executor = executor;
        this.callbacks = callbacks;
    }

    /** The executor on which user-facing futures complete. */
    public Executor callbacks() {
        return callbacks;
    }

    /** Runs {@code operation} after every earlier one settled; the result completes on a callback thread. */
    public <T> CompletableFuture<T> enqueue(Supplier<CompletableFuture<T>> operation) {
        CompletableFuture<T> result = new CompletableFuture<>();
        CompletableFuture<Void> previous;
        CompletableFuture<Void> done = new CompletableFuture<>();
        synchronized (this) {
            pending++;
            previous = tail;
            tail = done;
        }
        if (COMPLETING.get() == this) {
            // Enqueued by a dependent stage of this chain's previous operation, which has finished its
            // native part: start now, so a stage that blocks on it cannot deadlock the chain.
            start(operation, result, done);
        } else {
            previous.whenComplete((v, e) -> start(operation, result, done));
        }
        return result;
    }

    private <T> void start(Supplier<CompletableFuture<T>> operation, CompletableFuture<T> result,
                           CompletableFuture<Void> done) {
        CompletableFuture<T> started;
        try {
            started = operation.get();
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            started = CompletableFuture.failedFuture(e);
        }
        started.orTimeout(OPERATION_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).whenCompleteAsync((value, error) -> {
            // The caller's dependent stages run first and see the state this operation left (W3C: the
            // chain advances after the promise resolved), e.g. localDescription right after setLocalDescription.
            COMPLETING.set(this);
            try {
                if (error != null) {
                    result.completeExceptionally(unwrap(error));
                } else {
                    result.complete(value);
                }
            } finally {
                COMPLETING.remove();
            }
            done.complete(null);
            settle();
        }, callbacks);
    }

    /** True when no operation is queued or running and every caller's future has completed. */
    public synchronized boolean isIdle() {
        return pending == 0;
    }

    /**
     * {@code task} runs on the executor each time the chain becomes idle, after the last caller's
     * dependent stages returned (negotiationneeded re-checks, held icecandidate events).
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
            executor.execute(idle);
        }
    }

    private static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
