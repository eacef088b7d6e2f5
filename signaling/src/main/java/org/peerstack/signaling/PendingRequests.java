package org.peerstack.signaling;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.peerstack.exc.SignalingException;
import org.peerstack.signaling.SignalingMessage.ErrorMessage;
import org.peerstack.signaling.SignalingMessage.Joined;

/**
 * The requests of a {@link SignalingClient} waiting for their answer: at most one {@code join}, at
 * most one {@code leave}, and {@code ping}s in order. Not thread-safe: the client calls it with its
 * lock held. Futures are completed on the given executor (the client's completion thread).
 */
final class PendingRequests {

    private final Executor completions;
    private CompletableFuture<Joined> join;
    private CompletableFuture<Void> leave;
    private final Deque<CompletableFuture<Duration>> pings = new ArrayDeque<>();
    private final Deque<Long> pingSentNanos = new ArrayDeque<>();

    PendingRequests(Executor completions) {
        this.completions = completions;
    }

    boolean hasJoin() {
        return join != null;
    }

    boolean hasLeave() {
        return leave != null;
    }

    void addJoin(CompletableFuture<Joined> future) {
        join = future;
    }

    void addLeave(CompletableFuture<Void> future) {
        leave = future;
    }

    void addPing(CompletableFuture<Duration> future) {
        pings.add(future);
        pingSentNanos.add(System.nanoTime());
    }

    /** Forgets {@code future} (it failed to send or timed out). */
    void remove(CompletableFuture<?> future) {
        if (join == future) {
            join = null;
        }
        if (leave == future) {
            leave = null;
        }
        if (pings.remove(future) && !pingSentNanos.isEmpty()) {
            pingSentNanos.removeLast();
        }
    }

    void joined(Joined joined) {
        CompletableFuture<Joined> f = join;
        join = null;
        if (f != null) {
            completions.execute(() -> f.complete(joined));
        }
    }

    void left() {
        CompletableFuture<Void> f = leave;
        leave = null;
        if (f != null) {
            completions.execute(() -> f.complete(null));
        }
    }

    void pong() {
        CompletableFuture<Duration> f = pings.poll();
        Long sent = pingSentNanos.poll();
        if (f != null && sent != null) {
            Duration rtt = Duration.ofNanos(System.nanoTime() - sent);
            completions.execute(() -> f.complete(rtt));
        }
    }

    /** Fails the request the error refers to ({@code ref}); returns whether it was a join. */
    boolean error(ErrorMessage error) {
        SignalingException failure = new SignalingException(error.code(), error.message());
        CompletableFuture<?> f = null;
        boolean wasJoin = false;
        if ("join".equals(error.ref())) {
            f = join;
            join = null;
            wasJoin = true;
        } else if ("leave".equals(error.ref())) {
            f = leave;
            leave = null;
        } else if ("ping".equals(error.ref())) {
            f = pings.poll();
            pingSentNanos.poll();
        }
        if (f != null) {
            CompletableFuture<?> failed = f;
            completions.execute(() -> failed.completeExceptionally(failure));
        }
        return wasJoin;
    }

    /** Fails everything pending with {@code failure}. */
    void failAll(RuntimeException failure) {
        List<CompletableFuture<?>> all = new ArrayList<>(pings);
        if (join != null) {
            all.add(join);
        }
        if (leave != null) {
            all.add(leave);
        }
        join = null;
        leave = null;
        pings.clear();
        pingSentNanos.clear();
        if (!all.isEmpty()) {
            try {
                completions.execute(() -> all.forEach(f -> f.completeExceptionally(failure)));
            } catch (java.util.concurrent.RejectedExecutionException closed) {
                all.forEach(f -> f.completeExceptionally(failure));
            }
        }
    }
}
