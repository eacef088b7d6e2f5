package org.peerstack.signaling.server;

import org.peerstack.signaling.ErrorCode;
import org.peerstack.signaling.SignalingMessage.ErrorMessage;

/**
 * An inbound frame that the pipeline refused before the room logic (undecodable, binary, over the
 * rate); it travels up the pipeline in place of a message so that {@link PeerHandler} answers it.
 *
 * @param code    the protocol error code
 * @param message the human-readable reason
 * @param ref     the {@code type} of the refused message, if known
 */
record Rejected(ErrorCode code, String message, String ref) {

    ErrorMessage toError() {
        return new ErrorMessage(code, message, ref);
    }
}
