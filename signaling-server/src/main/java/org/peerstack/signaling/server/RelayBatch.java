package org.peerstack.signaling.server;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;

/**
 * What one connection sends to other connections while it handles a read, written without a flush
 * (a {@code write} system call) per message. A receiver on the sender's event loop gets each write at
 * once and one flush when the batch is flushed; messages for receivers on another event loop travel
 * in one task per loop and flush, which writes them in order and flushes each receiver once.
 *
 * <p>Order: everything one sender sends to one receiver goes through this batch (relayed messages and
 * room announcements alike), same-loop writes happen immediately and other-loop tasks run in
 * submission order, so a receiver sees one sender's messages in the order they were sent. Nothing is
 * held back here: {@link #flush()} runs at the end of every read, before anything else is sent to the
 * same receivers, and when the batch holds {@value #MAX_PENDING} messages; a message for a receiver
 * that has closed meanwhile is released and counted as dropped ({@code receiver-closed}). Owned by one connection and
 * used on its event loop only.
 */
final class RelayBatch {

    /** Messages held before an early flush (bounds the delay and memory of one long read). */
    static final int MAX_PENDING = 64;

    // Default-sized lists: no backing array until the first relay, so an idle connection pays ~70 bytes.
    private final List<Channel> toFlush = new ArrayList<>();
    private final List<Remote> remotes = new ArrayList<>();
    private final ServerMetrics metrics;
    private int pending;

    RelayBatch(ServerMetrics metrics) {
        this.metrics = metrics;
    }

    /**
     * Writes {@code message} to {@code target}, taking its reference if it has one (a frame); it leaves
     * the server at the next {@link #flush()}.
     */
    void add(Channel target, Object message) {
        EventLoop loop = target.eventLoop();
        if (loop.inEventLoop()) {
            if (write(target, message, metrics)) {
                addOnce(toFlush, target);
            }
        } else {
            remote(loop).add(target, message);
        }
        if (++pending >= MAX_PENDING) {
            flush();
        }
    }

    /** Sends everything added since the last flush. */
    void flush() {
        if (pending == 0) {
            return;
        }
        pending = 0;
        for (int i = 0; i < toFlush.size(); i++) {
            toFlush.get(i).flush();
        }
        toFlush.clear();
        for (int i = 0; i < remotes.size(); i++) {
            remotes.get(i).submit();
        }
    }

    private Remote remote(EventLoop loop) {
        for (int i = 0; i < remotes.size(); i++) {
            if (remotes.get(i).loop == loop) {
                return remotes.get(i);
            }
        }
        Remote remote = new Remote(loop, metrics);
        remotes.add(remote);
        return remote;
    }

    /** Writes unless the receiver is closed already (then the message is released and counted as dropped). */
    private static boolean write(Channel target, Object message, ServerMetrics metrics) {
        if (!target.isActive()) {
            ReferenceCountUtil.release(message);
            metrics.dropped(ServerMetrics.Drop.RECEIVER_CLOSED, 1);
            return false;
        }
        target.write(message, target.voidPromise());
        return true;
    }

    private static void addOnce(List<Channel> channels, Channel channel) {
        for (int i = channels.size() - 1; i >= 0; i--) {
            if (channels.get(i) == channel) {
                return;
            }
        }
        channels.add(channel);
    }

    /** The messages for receivers on one other event loop: target, message, target, message... */
    private static final class Remote {
        final EventLoop loop;
        final ServerMetrics metrics;
        final ArrayList<Object> items = new ArrayList<>(8);

        Remote(EventLoop loop, ServerMetrics metrics) {
            this.loop = loop;
            this.metrics = metrics;
        }

        void add(Channel target, Object message) {
            items.add(target);
            items.add(message);
        }

        /**
         * Hands what was added to the receivers' loop as one task. The task gets an exact copy and this
         * list is kept: a fresh list per task, sized after the last one, grew (and copied) itself over
         * and over when reads varied in size (2 % of the server's CPU at saturation).
         */
        void submit() {
            if (items.isEmpty()) {
                return;
            }
            Object[] batch = items.toArray();
            items.clear();
            try {
                loop.execute(() -> writeAndFlush(batch, metrics));
            } catch (RejectedExecutionException e) {
                // the receiver's event loop is shutting down with the server; its channels are closing
                for (int i = 1; i < batch.length; i += 2) {
                    ReferenceCountUtil.release(batch[i]);
                }
                metrics.dropped(ServerMetrics.Drop.RECEIVER_CLOSED, batch.length / 2);
            }
        }

        private static void writeAndFlush(Object[] batch, ServerMetrics metrics) {
            List<Channel> targets = new ArrayList<>(4);
            for (int i = 0; i < batch.length; i += 2) {
                Channel target = (Channel) batch[i];
                if (write(target, batch[i + 1], metrics)) {
                    addOnce(targets, target);
                }
            }
            for (int i = 0; i < targets.size(); i++) {
                targets.get(i).flush();
            }
        }
    }
}
