package org.peerstack.signaling.server;

import org.peerstack.exc.ErrorCode;
import org.peerstack.signaling.SignalingMessage.ErrorMessage;

/**
 * An inbound frame that the pipeline refused before the room logic (undecodable, binary, over the
 * rate, not UTF-8); it travels up the pipeline in place of a message so that {@link PeerHandler}
 * answers it.
 *
 * @param code      the protocol error code
 * @param message   the human-readable reason
 * @param ref       the {@code type} of the refused message, if known
 * @param closeCode the WebSocket close code that follows the error, or 0 when the connection stays open
 */
record Rejected(ErrorCode code, String message, String ref, int closeCode) {

    /** WebSocket close code for a text message that is not UTF-8 (RFC 6455, 7.4.1). */
    static final int INVALID_PAYLOAD = 1007;

    /** A refusal after which the connection stays open. */
    Rejected(ErrorCode code, String message, String ref) {
        this(code, message, ref, 0);
    }

    ErrorMessage toError() {
        return new ErrorMessage(code, message, ref);
    }
}
