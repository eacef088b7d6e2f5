package org.peerstack.signaling.server;

import io.netty.channel.Channel;
import org.peerstack.signaling.SignalingMessage;

/**
 * A connection in a room: its server-assigned id, optional display name and channel.
 *
 * @param id      peer id assigned by the server
 * @param name    display name, may be null
 * @param channel the member's WebSocket channel
 */
record Member(String id, String name, Channel channel) {

    SignalingMessage.Member toWire() {
        return new SignalingMessage.Member(id, name);
    }
}
