package org.peerstack.signaling.server.cluster;

import io.lettuce.core.api.async.RedisAsyncCommands;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.internal.ThreadExecutorMap;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Relayed messages for other nodes, gathered per sending thread (a server event loop) and published
 * when the event loop has finished what it is doing (a task queued at the first message), one
 * {@code PUBLISH} per target node of up to {@code max-batch-bytes}: under load one read of many
 * messages costs a few Redis commands, and a lone message leaves at once, from the event loop itself,
 * without a hand-over to another thread.
 *
 * <p>Order: a sender's messages are published from its event loop in the order sent. Its joins and
 * leaves go through the directory's {@link Outbox}; {@link #flush()} before a leave publishes what
 * the thread holds first, and Lettuce sends commands in the order they were handed over, so a
 * receiver gets a sender's last message before its {@code peer-left}.
 */
final class RelayBuffers {

    private final Supplier<RedisAsyncCommands<String, byte[]>> commands;
    private final String channelPrefix;
    private final int maxBatchBytes;
    private final Outbox.Losses losses;
    private final FastThreadLocal<Buffer> local = new FastThreadLocal<>() {
        @Override
        protected Buffer initialValue() {
            return new Buffer();
        }
    };

    RelayBuffers(Supplier<RedisAsyncCommands<String, byte[]>> commands, String channelPrefix, int maxBatchBytes,
                 Outbox.Losses losses) {
        this.commands = commands;
        this.channelPrefix = channelPrefix;
        this.maxBatchBytes = maxBatchBytes;
        this.losses = losses;
    }

    /** Adds one message for member {@code to} of {@code room} on {@code node}. */
    void add(String node, byte[] room, byte[] to, byte[] json) {
        Buffer buffer = local.get();
        buffer.add(node, room, to, json);
        if (!buffer.scheduled) {
            EventExecutor loop = ThreadExecutorMap.currentExecutor();
            if (loop == null) {
                buffer.flush(); // not an event loop: nothing would flush it later
            } else {
                buffer.scheduled = true;
                loop.execute(buffer::flush);
            }
        }
    }

    /** Publishes what this thread holds now. */
    void flush() {
        if (local.isSet()) {
            local.get().flush();
        }
    }

    /** One thread's messages, per target node; used by that thread only. */
    private final class Buffer {
        final List<String> nodes = new ArrayList<>(4);
        final List<ByteArrayOutputStream> batches = new ArrayList<>(4);
        final List<int[]> counts = new ArrayList<>(4);
        boolean scheduled;

        void add(String node, byte[] room, byte[] to, byte[] json) {
            int i = nodes.indexOf(node);
            if (i < 0) {
                i = nodes.size();
                nodes.add(node);
                batches.add(newBatch());
                counts.add(new int[1]);
            }
            ByteArrayOutputStream batch = batches.get(i);
            if (counts.get(i)[0] > 0 && batch.size() + Wire.relaySize(room, to, json) > maxBatchBytes) {
                publish(node, batch, counts.get(i)[0]);
                batch = newBatch();
                batches.set(i, batch);
                counts.get(i)[0] = 0;
            }
            Wire.appendRelay(batch, room, to, json);
            counts.get(i)[0]++;
        }

        void flush() {
            scheduled = false;
            for (int i = 0; i < nodes.size(); i++) {
                publish(nodes.get(i), batches.get(i), counts.get(i)[0]);
            }
            nodes.clear();
            batches.clear();
            counts.clear();
        }

        private ByteArrayOutputStream newBatch() {
            ByteArrayOutputStream batch = new ByteArrayOutputStream(1024);
            batch.write(Wire.RELAYS);
            return batch;
        }

        private void publish(String node, ByteArrayOutputStream batch, int count) {
            if (count == 0) {
                return;
            }
            RedisAsyncCommands<String, byte[]> redis = commands.get();
            if (redis == null) {
                losses.dropped(count, new IllegalStateException("not connected to Redis"));
                return;
            }
            try {
                redis.publish(channelPrefix + node, batch.toByteArray()).whenComplete((receivers, failure) -> {
                    if (failure != null) {
                        losses.dropped(count, failure);
                    }
                });
            } catch (RuntimeException e) {
                losses.dropped(count, e);
            }
        }
    }
}
