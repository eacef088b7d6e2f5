package org.peerstack.signaling.server;

import org.peerstack.signaling.SignalingMessage;

/**
 * A decoded message for other members, with the JSON it arrived in, for which {@link FromStamp#applies}
 * holds: {@link PeerHandler} forwards those bytes with {@code from} stamped instead of encoding the
 * message again.
 *
 * @param message the decoded message (an {@code Addressed} message or an {@code AppMessage})
 * @param json    the UTF-8 JSON it arrived in followed by {@link FromStamp#SLACK} spaces, a copy owned by
 *                this record; {@link FromStamp#frame} stamps it in place when the message is forwarded
 */
record Relayable(SignalingMessage message, byte[] json) {
}
