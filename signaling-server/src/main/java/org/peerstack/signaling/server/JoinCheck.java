package org.peerstack.signaling.server;

import java.time.Clock;
import org.peerstack.exc.SignalingException;
import org.peerstack.exc.ErrorCode;
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
     * The token that authorizes {@code join}: its own token, else the one presented at the WebSocket
     * handshake ({@code handshakeToken}, may be null); it must be valid, unexpired (with the configured
     * clock skew), for the join's room, and carry a well-formed {@code name} if it has one.
     *
     * @throws SignalingException with {@code unauthorized} saying why not
     */
    static RoomToken authorize(Join join, RoomToken handshakeToken, AuthSettings auth, SignalingLimits limits,
                               Clock clock) {
        RoomToken token;
        if (join.token() != null) {
            token = auth.verify(join.token(), clock);
        } else {
            token = handshakeToken;
            if (token == null) {
                throw unauthorized("room '" + join.room() + "' needs a room token");
            }
            if (!clock.instant().isBefore(token.expires().plus(auth.clockSkew()))) {
                throw unauthorized("the room token expired at " + token.expires());
            }
        }
        if (!token.room().equals(join.room())) {
            throw unauthorized("the room token is for another room");
        }
        String badName = token.name() == null ? null : checkName(token.name(), "name", limits.maxDisplayNameLength(), false);
        if (badName != null) {
            throw unauthorized("the room token's " + badName);
        }
        return token;
    }

    private static SignalingException unauthorized(String message) {
        return new SignalingException(ErrorCode.UNAUTHORIZED, message);
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
