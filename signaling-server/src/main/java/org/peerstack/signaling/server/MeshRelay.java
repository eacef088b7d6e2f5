package org.peerstack.signaling.server;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.util.function.Consumer;
import org.peerstack.exc.ErrorCode;
import org.peerstack.signaling.SignalingCodec;
import org.peerstack.signaling.SignalingMessage;
import org.peerstack.signaling.SignalingMessage.Addressed;
import org.peerstack.signaling.SignalingMessage.AppMessage;
import org.peerstack.signaling.SignalingMessage.ErrorMessage;

/**
 * How one connection's messages reach the other members of its room (docs/signaling-protocol.md,
 * "Relaying"): an addressed message or a {@code message} with {@code to} to that member, a
 * {@code message} without {@code to} to every other member, each with the sender's {@code from}
 * stamped ({@link FromStamp} on the bytes as they arrived when it can). Members of this node get it
 * through a {@link RelayBatch} flushed when the connection's read completes; members of other nodes
 * through the registry ({@link RoomRegistry#relayRemote}). Refusals go back to the sender as errors.
 * One instance per connection, used on its event loop only.
 */
final class MeshRelay {

    /** Longest peer id quoted back in an {@code unknown-peer} error (unit: characters). */
    static final int MAX_QUOTED_ID = 64;

    private final RoomRegistry rooms;
    private final ServerMetrics metrics;
    /** Sends an error to the sender. */
    private final Consumer<ErrorMessage> errors;
    /** What this connection sends to other members during a read; flushed when the read completes. */
    private RelayBatch batch;
    /** Adds this connection's {@code from} to relayed bytes; made at the first such relay. */
    private FromStamp stamp;
    private String stampId;

    MeshRelay(RoomRegistry rooms, ServerMetrics metrics, Consumer<ErrorMessage> errors) {
        this.rooms = rooms;
        this.metrics = metrics;
        this.errors = errors;
    }

    /**
     * An addressed message ({@code offer}, {@code answer}, {@code candidate}, {@code bye}) of {@code self}
     * in {@code room} (null when not joined); {@code json}: the bytes it arrived in when they may be
     * forwarded, else null.
     */
    void addressed(Member self, Room room, Addressed message, byte[] json) {
        Member target = target(self, room, message.to(), message);
        if (target != null) {
            forward(room, target, stamped(self, message, json));
            metrics.relayed(1);
        }
    }

    /** A {@code message} to one member ({@code to}) or to every other member of the room. */
    void app(Member self, Room room, AppMessage message, byte[] json) {
        if (message.to() != null) {
            Member target = target(self, room, message.to(), message);
            if (target != null) {
                forward(room, target, stamped(self, message, json));
                metrics.relayed(1);
            }
            return;
        }
        if (room == null) {
            errors.accept(new ErrorMessage(ErrorCode.NOT_JOINED, "join a room before sending messages", "message"));
            return;
        }
        Object stamped = stamped(self, message, json);
        try {
            int count = 0;
            for (Member member : room.members()) {
                if (member != self) {
                    forward(room, member, stamped instanceof TextWebSocketFrame frame ? frame.retainedDuplicate() : stamped);
                    count++;
                }
            }
            metrics.relayed(count);
        } finally {
            ReferenceCountUtil.release(stamped);
        }
    }

    /** Queues {@code message} (an event of the room) for a member of this node; sent at {@link #flush()}. */
    void announce(Channel to, SignalingMessage message) {
        batch().add(to, message);
    }

    /** Sends what this connection queued during the current read. */
    void flush() {
        if (batch != null) {
            batch.flush();
        }
    }

    /** For the receivers: {@code json} with the sender's {@code from} as a frame, else the record with it. */
    private Object stamped(Member self, SignalingMessage message, byte[] json) {
        if (json == null) {
            return message instanceof Addressed addressed ? addressed.withFrom(self.id()) : ((AppMessage) message).withFrom(self.id());
        }
        if (stamp == null || !self.id().equals(stampId)) { // the id may change with each join in cluster mode
            stamp = new FromStamp(self.id());
            stampId = self.id();
        }
        return stamp.frame(json);
    }

    private Member target(Member self, Room room, String to, SignalingMessage message) {
        if (room == null) {
            String type = SignalingCodec.typeName(message.getClass());
            errors.accept(new ErrorMessage(ErrorCode.NOT_JOINED, "join a room before sending '" + type + "'", type));
            return null;
        }
        Member target = room.member(to);
        if (target == null || target == self) {
            errors.accept(new ErrorMessage(ErrorCode.UNKNOWN_PEER, "no peer '" + quoted(to)
                    + "' in room '" + room.name() + "'", SignalingCodec.typeName(message.getClass())));
            return null;
        }
        return target;
    }

    /**
     * Sends {@code message} (a {@link SignalingMessage} or a text frame, whose reference it takes) to
     * {@code target}; a receiver that reads too slowly is handled by its {@link OutboundQueue}.
     */
    private void forward(Room room, Member target, Object message) {
        if (!target.isLocal()) {
            rooms.relayRemote(room, target, message);
            return;
        }
        batch().add(target.channel(), message);
    }

    /** Created at the first message to another member: idle connections do not carry one. */
    private RelayBatch batch() {
        if (batch == null) {
            batch = new RelayBatch(metrics);
        }
        return batch;
    }

    /** A peer id as quoted in an error: at most {@value #MAX_QUOTED_ID} characters. */
    private static String quoted(String id) {
        return id.length() <= MAX_QUOTED_ID ? id : id.substring(0, MAX_QUOTED_ID) + "...";
    }
}
