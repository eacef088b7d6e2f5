package org.peerstack.signaling.server;

import io.netty.channel.Channel;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * What a connection sends while its {@code join} waits for the cluster, held in arrival order and
 * handed back once the join is decided. In cluster mode a join is answered when Redis has answered
 * (a round trip), while on one node it completes at once; holding what follows it makes a message
 * sent right behind a join (before {@code joined} arrives) behave the same on both: it is relayed to
 * the room once the member is in it, or refused with {@code not-joined} after the join's own error.
 * A {@code leave} in cluster mode waits the same way for Redis to run it, so that what follows it (a
 * new {@code join}, say) is handled after its {@code left}.
 *
 * <p>Bounded without a limit of its own: while it holds messages the connection's socket is not read
 * (auto-read off), so it holds at most what the socket read in progress brought (at most one receive
 * buffer, 64 KiB, of frames), and never more than the rate limiter lets through
 * ({@code limits.max-messages-per-second} + {@code limits.message-burst}). One per connection, used on
 * its event loop only.
 */
final class JoinBacklog {

    /** Created at the first held message: connections that never wait for a join do not carry one. */
    private ArrayDeque<Object> held;
    private boolean waiting;

    /** A join (or a leave) went to the cluster: hold what follows and stop reading the socket until it is decided. */
    void start(Channel channel) {
        waiting = true;
        channel.config().setAutoRead(false);
    }

    /** True when {@code msg} (a decoded message or a refusal, with its reference) is held for later. */
    boolean hold(Object msg) {
        if (!waiting) {
            return false;
        }
        if (held == null) {
            held = new ArrayDeque<>();
        }
        held.add(msg);
        return true;
    }

    /**
     * The join is decided: hands every held message to {@code handler} in order (which takes its
     * reference), stopping if one of them starts another wait (a second join), then reads the socket again.
     */
    void resume(Channel channel, Consumer<Object> handler) {
        waiting = false;
        while (!waiting && held != null && !held.isEmpty()) {
            handler.accept(held.poll());
        }
        if (!waiting) {
            channel.config().setAutoRead(true);
        }
    }

    /** The connection is gone: releases what is held. */
    void clear() {
        waiting = false;
        if (held != null) {
            while (!held.isEmpty()) {
                ReferenceCountUtil.release(held.poll());
            }
        }
    }
}
