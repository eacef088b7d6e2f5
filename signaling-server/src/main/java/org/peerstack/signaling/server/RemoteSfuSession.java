package org.peerstack.signaling.server;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.peerstack.exc.ErrorCode;
import org.peerstack.signaling.SignalingCodec;
import org.peerstack.signaling.SignalingMessage;
import org.peerstack.signaling.SignalingMessage.Addressed;
import org.peerstack.signaling.SignalingMessage.Bye;
import org.peerstack.signaling.SignalingMessage.ErrorMessage;
import org.peerstack.signaling.server.sfu.SfuRooms;

/**
 * The SFU session of a member whose SFU room is owned by another node ({@link ClusterSfu}): created
 * when the member has joined (it announces the member to the owner), it relays the member's messages
 * to {@code "sfu"} through Redis; the owner's answers and offers come back as relayed messages to the
 * member. {@link #accept} and {@link #close} run on the member's event loop, {@link #lost} on the
 * watcher's thread.
 */
final class RemoteSfuSession implements SfuSession {

    private final ClusterRoomRegistry rooms;
    private final String owner;
    private final String room;
    private final String peer;
    private final Consumer<SignalingMessage> out;
    private final Consumer<RemoteSfuSession> onEnd;
    private volatile boolean ended;

    RemoteSfuSession(ClusterRoomRegistry rooms, String owner, String room, String peer, Consumer<SignalingMessage> out,
                     Consumer<RemoteSfuSession> onEnd) {
        this.rooms = rooms;
        this.owner = owner;
        this.room = room;
        this.peer = peer;
        this.out = out;
        this.onEnd = onEnd;
        rooms.relayTo(owner, room, ClusterSfu.JOIN_PREFIX + rooms.nodeId(), peer.getBytes(StandardCharsets.US_ASCII));
    }

    /** The node that owns the room. */
    String owner() {
        return owner;
    }

    @Override
    public void accept(Addressed message) {
        if (ended) {
            out.accept(new ErrorMessage(ErrorCode.SFU_NODE_LOST, "the node that held this SFU room is gone; leave and"
                    + " join again", SignalingCodec.typeName(message.getClass())));
            return;
        }
        rooms.relayTo(owner, room, ClusterSfu.TO_SFU, message);
    }

    @Override
    public void close() {
        if (!ended) {
            ended = true;
            rooms.relayTo(owner, room, ClusterSfu.LEAVE, peer.getBytes(StandardCharsets.US_ASCII));
        }
        onEnd.accept(this);
    }

    /** The owner died: the member's SFU connections are gone. It hears {@code bye} and {@code sfu-node-lost}. */
    void lost() {
        if (ended) {
            return;
        }
        ended = true;
        onEnd.accept(this);
        out.accept(new Bye(peer, SfuRooms.PEER_ID));
        out.accept(new ErrorMessage(ErrorCode.SFU_NODE_LOST, "the node that held SFU room '" + room
                + "' is gone (its heartbeat expired); leave and join again: the room is placed on a live node", null));
    }

    @Override
    public String toString() {
        return "RemoteSfuSession[" + peer + " in " + room + " on " + owner + "]";
    }
}
