package org.peerstack.signaling.server;

import io.netty.channel.Channel;
import org.peerstack.signaling.SignalingMessage;

/**
 * A member of a room: its server-assigned id, optional display name, and where it is connected: a
 * channel of this node, or (cluster mode) another node.
 *
 * @param id      peer id assigned by the server
 * @param name    display name, may be null
 * @param channel the member's WebSocket channel on this node; null for a member on another node
 * @param node    id of the other node holding the member (cluster mode); null for a member of this node
 */
record Member(String id, String name, Channel channel, String node) {

    /** A member connected to this node. */
    Member(String id, String name, Channel channel) {
        this(id, name, channel, null);
    }

    /** Whether the member is connected to this node (else to another node of the cluster). */
    boolean isLocal() {
        return channel != null;
    }

    SignalingMessage.Member toWire() {
        return new SignalingMessage.Member(id, name);
    }
}
