package org.peerstack.signaling.server;

import java.time.Clock;
import org.peerstack.exc.SignalingException;
import org.peerstack.signaling.RoomToken;
import org.peerstack.signaling.SignalingMessage.Join;

/** What makes a {@code join} acceptable: well-formed names, and a room token for that room when required. */
final class JoinCheck {

    private JoinCheck() {
    }

    /** Why the room or display name of {@code join} is malformed, or null if both are fine. */
    static String malformed(Join join, SignalingLimits limits) {
        String problem = checkName(join.room(), "room", limits.maxRoomNameLength(), false);
        return problem != null ? problem : checkName(join.name(), "name", limits.maxDisplayNameLength(), true);
    }

    /**
     * Why {@code join} is not authorized, or null if it is: its own token, else the one presented at the
     * WebSocket handshake ({@code handshakeToken}, may be null), must be valid, unexpired and for its room.
     */
    static String refusal(Join join, RoomToken handshakeToken, AuthSettings auth, Clock clock) {
        RoomToken token;
        if (join.token() != null) {
            try {
                token = RoomToken.verify(join.token(), auth.secretBytes(), clock);
            } catch (SignalingException e) {
                return e.getMessage();
            }
        } else {
            token = handshakeToken;
            if (token == null) {
                return "room '" + join.room() + "' needs a room token";
            }
            if (!clock.instant().isBefore(token.expires())) {
                return "the room token expired at " + token.expires();
            }
        }
        return token.room().equals(join.room()) ? null : "the room token is for another room";
    }

    private static String checkName(String value, String what, int maxLength, boolean optional) {
        if (value == null) {
            return optional ? null : "'" + what + "' is required";
        }
        if (value.isEmpty() || value.length() > maxLength) {
            return "'" + what + "' must have 1 to " + maxLength + " characters";
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                return "'" + what + "' must not contain control characters";
            }
        }
        return null;
    }
}
