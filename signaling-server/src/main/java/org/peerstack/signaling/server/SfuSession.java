package org.peerstack.signaling.server;

import org.peerstack.signaling.SignalingMessage.Addressed;
import org.peerstack.signaling.SignalingMessage.Answer;
import org.peerstack.signaling.SignalingMessage.Bye;
import org.peerstack.signaling.SignalingMessage.Candidate;
import org.peerstack.signaling.SignalingMessage.MaxResolution;
import org.peerstack.signaling.SignalingMessage.Offer;
import org.peerstack.signaling.server.sfu.SfuRoomMember;

/**
 * A member's session with the SFU of its room, as its connection sees it: the messages it sends to
 * {@code "sfu"} go in, and {@link #close()} ends it when the member leaves. On one node, and on the node
 * that owns an SFU room in a cluster, it is the member's {@link SfuRoomMember} ({@link #of}); on another
 * node of a cluster it relays to the owner ({@link ClusterSfu}). Called on the connection's event loop.
 */
interface SfuSession {

    /** A message of the member to {@code "sfu"}, {@code from} stamped. */
    void accept(Addressed message);

    /** The member left the room or disconnected. Idempotent. */
    void close();

    /** The session of a member whose SFU room is on this node. */
    static SfuSession of(SfuRoomMember member) {
        return new SfuSession() {
            @Override
            public void accept(Addressed message) {
                deliver(message, member);
            }

            @Override
            public void close() {
                member.close();
            }
        };
    }

    /** Hands a message to {@code "sfu"} to the member's {@link SfuRoomMember}. */
    static void deliver(Addressed message, SfuRoomMember member) {
        if (message instanceof Offer offer) {
            member.offer(offer.sdp());
        } else if (message instanceof Answer answer) {
            member.answer(answer.sdp());
        } else if (message instanceof Bye) {
            member.bye();
        } else if (message instanceof MaxResolution max) {
            member.maxResolution(max.track(), max.width(), max.height());
        } else if (message instanceof Candidate) {
            // accepted and ignored: the SFU is ICE-lite and learns the member's addresses from its checks
        }
    }
}
