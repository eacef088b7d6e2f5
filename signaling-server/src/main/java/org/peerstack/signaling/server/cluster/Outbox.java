package org.peerstack.signaling.server.cluster;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Everything this node asks of Redis on behalf of its members, in one ordered stream: joins, leaves and
 * relayed messages are queued from any event loop and sent by one drain task on the directory's
 * thread over one connection, so Redis runs them in the order they were queued. That is what keeps a
 * sender's order across nodes: its {@code join}, its messages and its {@code leave} reach every node in
 * the order it sent them (Redis publishes in execution order, one subscriber connection per node).
 *
 * <p>Consecutive relayed messages for one node travel in one {@code PUBLISH} of up to
 * {@code max-batch-bytes}: under load a drain sends few large messages instead of one per relay, and a
 * lone message is sent at once (the drain starts as soon as something is queued).
 */
final class Outbox {

    /** A message for member {@code to} in {@code room} on {@code node}: UTF-8 room, ASCII id, JSON. */
    record Relay(String node, byte[] room, byte[] to, byte[] json) {
    }

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
    private final String channelPrefix;
    private final int maxBatchBytes;
    private final int maxQueued;
    private final Losses losses;

    Outbox(Executor executor, Supplier<RedisAsyncCommands<String, byte[]>> commands, String channelPrefix,
           int maxBatchBytes, int maxQueued, Losses losses) {
        this.executor = executor;
        this.commands = commands;
        this.channelPrefix = channelPrefix;
        this.maxBatchBytes = maxBatchBytes;
        this.maxQueued = maxQueued;
        this.losses = losses;
    }

    /** Queues a relay; false (nothing queued) when {@code max-queued-commands} are waiting already. */
    boolean relay(Relay relay) {
        return add(relay);
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
            executor.execute(this::drain);
        }
        return true;
    }

    /** Sends what is queued, in order. Runs on the directory's thread only. */
    void drain() {
        do {
            RedisAsyncCommands<String, byte[]> redis = commands.get();
            Map<String, Pending> batches = new LinkedHashMap<>();
            Object op;
            while ((op = queue.poll()) != null) {
                queued.decrementAndGet();
                if (op instanceof Relay relay) {
                    Pending pending = batches.computeIfAbsent(relay.node(), n -> new Pending());
                    if (pending.count > 0 && pending.bytes.size()
                            + Wire.relaySize(relay.room(), relay.to(), relay.json()) > maxBatchBytes) {
                        publish(redis, relay.node(), pending);
                        pending = new Pending();
                        batches.put(relay.node(), pending);
                    }
                    Wire.appendRelay(pending.bytes, relay.room(), relay.to(), relay.json());
                    pending.count++;
                } else {
                    Call call = (Call) op;
                    publishAll(redis, batches);
                    run(redis, call);
                }
            }
            publishAll(redis, batches);
            scheduled.set(false);
        } while (!queue.isEmpty() && scheduled.compareAndSet(false, true));
    }

    private void publishAll(RedisAsyncCommands<String, byte[]> redis, Map<String, Pending> batches) {
        for (Map.Entry<String, Pending> batch : batches.entrySet()) {
            if (batch.getValue().count > 0) {
                publish(redis, batch.getKey(), batch.getValue());
            }
        }
        batches.clear();
    }

    private void publish(RedisAsyncCommands<String, byte[]> redis, String node, Pending pending) {
        int count = pending.count;
        if (redis == null) {
            losses.dropped(count, new IllegalStateException("not connected to Redis"));
            return;
        }
        try {
            redis.publish(channelPrefix + node, pending.bytes.toByteArray()).whenComplete((receivers, failure) -> {
                if (failure != null) {
                    losses.dropped(count, failure);
                }
            });
        } catch (RuntimeException e) {
            losses.dropped(count, e);
        }
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

    /** The relayed messages for one node not yet published. */
    private static final class Pending {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
        int count;

        Pending() {
            bytes.write(Wire.RELAYS);
        }
    }
}
