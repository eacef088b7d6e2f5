package org.peerstack.signaling.server.cluster;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The scripts this node runs in Redis (joins, leaves, heartbeats, rebuilds), in one ordered stream:
 * queued from any thread and sent by one drain task on the directory's thread over one connection, so
 * Redis runs them in the order they were queued (a member's leave after its join, a rebuild's
 * registrations before the leaves queued after it). Relayed messages do not wait here: see
 * {@link RelayBuffers}.
 */
final class Outbox {

    /** A script to run; {@code result} completes with its reply (or the failure). */
    record Call(Script script, ScriptOutputType type, byte[][] args, CompletableFuture<Object> result) {
    }

    /** Told about relayed messages that could not be sent. */
    interface Losses {
        void dropped(int messages, Throwable cause);
    }

    private final ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicInteger queued = new AtomicInteger();
    private final Executor executor;
    private final Supplier<RedisAsyncCommands<String, byte[]>> commands;
    private final int maxQueued;

    Outbox(Executor executor, Supplier<RedisAsyncCommands<String, byte[]>> commands, int maxQueued) {
        this.executor = executor;
        this.commands = commands;
        this.maxQueued = maxQueued;
    }

    /** Queues a script; its result fails at once when {@code max-queued-commands} are waiting already. */
    void call(Call call) {
        if (!add(call)) {
            call.result().completeExceptionally(new IllegalStateException(
                    "more than " + maxQueued + " Redis commands queued on this node"));
        }
    }

    private boolean add(Object op) {
        if (queued.incrementAndGet() > maxQueued) {
            queued.decrementAndGet();
            return false;
        }
        queue.add(op);
        if (scheduled.compareAndSet(false, true)) {
            try {
                executor.execute(this::drain);
            } catch (java.util.concurrent.RejectedExecutionException e) { // the directory is closed
                Object queuedOp;
                while ((queuedOp = queue.poll()) != null) {
                    queued.decrementAndGet();
                    ((Call) queuedOp).result().completeExceptionally(new IllegalStateException("the cluster directory is closed"));
                }
            }
        }
        return true;
    }

    /** Sends what is queued, in order. Runs on the directory's thread only. */
    void drain() {
        do {
            RedisAsyncCommands<String, byte[]> redis = commands.get();
            Object op;
            while ((op = queue.poll()) != null) {
                queued.decrementAndGet();
                run(redis, (Call) op);
            }
            scheduled.set(false);
        } while (!queue.isEmpty() && scheduled.compareAndSet(false, true));
    }

    private static void run(RedisAsyncCommands<String, byte[]> redis, Call call) {
        if (redis == null) {
            call.result().completeExceptionally(new IllegalStateException("not connected to Redis"));
            return;
        }
        try {
            RedisFuture<Object> reply = redis.eval(call.script().source(), call.type(), new String[0], call.args());
            reply.whenComplete((value, failure) -> {
                if (failure != null) {
                    call.result().completeExceptionally(failure);
                } else {
                    call.result().complete(value);
                }
            });
        } catch (RuntimeException e) {
            call.result().completeExceptionally(e);
        }
    }

    /** Script arguments as UTF-8 bytes. */
    static byte[][] args(List<String> args) {
        byte[][] bytes = new byte[args.size()][];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = args.get(i).getBytes(StandardCharsets.UTF_8);
        }
        return bytes;
    }

    static byte[][] args(String... args) {
        return args(new ArrayList<>(List.of(args)));
    }
}
