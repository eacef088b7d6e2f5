package org.peerstack.exc;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * The {@code code} of an {@code error} message (see {@code docs/signaling-protocol.md}, "Errors").
 * Each constant knows its wire token; {@link #closeCode()} is the WebSocket close code the server sends
 * after the error when the error ends the connection, or 0 when the connection stays open.
 */
public enum ErrorCode {
    /** Not JSON, a JSON value that is not an object, a field of the wrong type, a missing field. */
    BAD_MESSAGE("bad-message", 0),
    /** A {@code type} the server does not know. */
    UNKNOWN_TYPE("unknown-type", 0),
    /** A binary frame: the protocol is text only. */
    UNSUPPORTED_FRAME("unsupported-frame", 0),
    /** A frame or message larger than {@code limits.max-message-bytes}; the connection is closed (1009). */
    MESSAGE_TOO_LARGE("message-too-large", 1009),
    /** More than {@code limits.max-messages-per-second}; the message was dropped. */
    RATE_LIMITED("rate-limited", 0),
    /** The room already has {@code limits.max-members-per-room} members. */
    ROOM_FULL("room-full", 0),
    /** The server already holds {@code limits.max-rooms} rooms. */
    TOO_MANY_ROOMS("too-many-rooms", 0),
    /** The message needs a room but the connection has not joined one. */
    NOT_JOINED("not-joined", 0),
    /** A {@code join} while already in a room ({@code leave} first). */
    ALREADY_JOINED("already-joined", 0),
    /** {@code to} names no member of the sender's room. */
    UNKNOWN_PEER("unknown-peer", 0),
    /** The room token is missing, forged, expired or for another room; the connection is closed (1008). */
    UNAUTHORIZED("unauthorized", 1008),
    /** A target's outbound buffer is full ({@code limits.max-outbound-buffer-bytes}); it is closed (1008). */
    SLOW_CONSUMER("slow-consumer", 1008),
    /** No {@code join} within {@code connections.join-timeout-ms} of opening (or leaving); closed (1008). */
    JOIN_TIMEOUT("join-timeout", 1008),
    /** No message within {@code limits.idle-timeout-ms}; the connection is closed (1001). */
    IDLE_TIMEOUT("idle-timeout", 1001),
    /** The server is shutting down; the connection is closed (1001). Reconnect later. */
    GOING_AWAY("going-away", 1001),
    /** In an SFU room: offer, answer, candidate or bye to another member (media goes through the server). */
    SFU_ROOM("sfu-room", 0),
    /** The SFU refused a publish offer or an answer (bad SDP, nothing forwardable, a second publish offer). */
    SFU_REFUSED("sfu-refused", 0),
    /** In an SFU room: {@code max-resolution} for a track the member does not receive from "sfu". */
    UNKNOWN_TRACK("unknown-track", 0),
    /** A join with {@code "sfu": true} into an existing mesh room. */
    ROOM_MODE("room-mode", 0),
    /** A join with {@code "sfu": true} (or into an {@code sfu.rooms} room) on a server without SFU rooms. */
    SFU_UNAVAILABLE("sfu-unavailable", 0),
    /**
     * In an SFU room in cluster mode: the node that held the room's media died; the member's connections
     * with the SFU are gone (a {@code bye} from "sfu" comes first). Leave and join again: the room is placed
     * on a live node.
     */
    SFU_NODE_LOST("sfu-node-lost", 0),
    /** A server fault; the message was not processed. */
    INTERNAL("internal", 0),
    /** A code this client version does not know (sent by a newer server). */
    UNKNOWN("unknown", 0);

    private final String token;
    private final int closeCode;

    ErrorCode(String token, int closeCode) {
        this.token = token;
        this.closeCode = closeCode;
    }

    /**
     * The token this code has in the {@code code} field of an {@code error} message.
     *
     * @return the lower-case wire token, e.g. {@code "unknown-peer"}; never null
     */
    @JsonValue
    public String token() {
        return token;
    }

    /**
     * The WebSocket close code (RFC 6455, section 7.4) the server closes the connection with after
     * sending this error.
     *
     * @return 1001, 1008 or 1009, or 0 when the connection stays open
     */
    public int closeCode() {
        return closeCode;
    }

    /**
     * The constant for a wire token, matched without regard to case. Never fails, so that a newer
     * server's codes still decode.
     *
     * @param token the {@code code} field of an {@code error} message; may be null
     * @return the matching constant, or {@link #UNKNOWN} for null or a token this version does not know
     */
    @JsonCreator
    public static ErrorCode fromToken(String token) {
        if (token != null) {
            String t = token.toLowerCase(Locale.ROOT);
            for (ErrorCode code : values()) {
                if (code.token.equals(t)) {
                    return code;
                }
            }
        }
        return UNKNOWN;
    }
}
