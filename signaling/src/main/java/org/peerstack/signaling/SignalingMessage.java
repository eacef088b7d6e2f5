package org.peerstack.signaling;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.peerstack.exc.ErrorCode;

/**
 * One message of the peerstack signaling protocol, version 1 (WebSocket subprotocol
 * {@value #SUBPROTOCOL}). On the wire each message is a JSON object whose {@code type} member holds the
 * logical name given in {@link JsonSubTypes} (never a class name); {@code docs/signaling-protocol.md}
 * shows an example of every message.
 *
 * <p>All messages are immutable records. Their compact constructors reject missing required members,
 * so a decoder that binds with Jackson reports a missing member as a bad message.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = SignalingMessage.Join.class, name = "join"),
        @JsonSubTypes.Type(value = SignalingMessage.Joined.class, name = "joined"),
        @JsonSubTypes.Type(value = SignalingMessage.PeerJoined.class, name = "peer-joined"),
        @JsonSubTypes.Type(value = SignalingMessage.PeerLeft.class, name = "peer-left"),
        @JsonSubTypes.Type(value = SignalingMessage.Offer.class, name = "offer"),
        @JsonSubTypes.Type(value = SignalingMessage.Answer.class, name = "answer"),
        @JsonSubTypes.Type(value = SignalingMessage.Candidate.class, name = "candidate"),
        @JsonSubTypes.Type(value = SignalingMessage.Bye.class, name = "bye"),
        @JsonSubTypes.Type(value = SignalingMessage.MaxResolution.class, name = "max-resolution"),
        @JsonSubTypes.Type(value = SignalingMessage.AppMessage.class, name = "message"),
        @JsonSubTypes.Type(value = SignalingMessage.Leave.class, name = "leave"),
        @JsonSubTypes.Type(value = SignalingMessage.Left.class, name = "left"),
        @JsonSubTypes.Type(value = SignalingMessage.ErrorMessage.class, name = "error"),
        @JsonSubTypes.Type(value = SignalingMessage.Ping.class, name = "ping"),
        @JsonSubTypes.Type(value = SignalingMessage.Pong.class, name = "pong"),
})
public sealed interface SignalingMessage {

    /** The WebSocket subprotocol naming this protocol version. */
    String SUBPROTOCOL = "peerstack-signaling.v1";

    /** A message that the server relays to one member of the sender's room, stamping {@code from}. */
    sealed interface Addressed extends SignalingMessage {
        /**
         * The recipient, a member of the sender's room.
         *
         * @return the recipient's peer id, as assigned by the server in {@link Joined#id()}; never null
         */
        String to();

        /**
         * The sender, stamped by the server: whatever a client puts here is replaced.
         *
         * @return the sender's peer id; {@code null} in what a client sends
         */
        String from();

        /**
         * A copy with {@code from} set, as the server forwards it.
         *
         * @param from the sender's peer id
         * @return a new message of the same type, all other members unchanged
         */
        Addressed withFrom(String from);
    }

    /**
     * Client to server: join {@code room}. Answered by {@link Joined} or an {@link ErrorMessage} with
     * {@code ref} {@code "join"}.
     *
     * @param room  the room name; created by the server on first join (required)
     * @param name  a display name the other members see in {@link PeerJoined} and {@link Member}, or null
     * @param token a room token ({@link RoomToken}) when the server requires one, or null
     * @param sfu   {@code true} to ask for an SFU room (media through the server's SFU, see
     *              {@code docs/signaling-protocol.md}, "SFU rooms"); null or {@code false}: the room decides
     */
    record Join(String room, String name, String token, Boolean sfu) implements SignalingMessage {
        /**
         * Checks the required members.
         *
         * @param room  the room name; created by the server on first join (required)
         * @param name  a display name the other members see in {@link PeerJoined} and {@link Member}, or null
         * @param token a room token ({@link RoomToken}) when the server requires one, or null
         * @param sfu   {@code true} to ask for an SFU room; null or {@code false}: the room decides
         * @throws NullPointerException if {@code room} is null
         */
        public Join {
            require(room, "join", "room");
        }

        /**
         * A join without the {@code sfu} option.
         *
         * @param room  the room name (required)
         * @param name  a display name, or null
         * @param token a room token, or null
         */
        public Join(String room, String name, String token) {
            this(room, name, token, null);
        }

        /**
         * Whether this join asks for an SFU room.
         *
         * @return true only for {@code "sfu": true}
         */
        public boolean wantsSfu() {
            return Boolean.TRUE.equals(sfu);
        }
    }

    /**
     * Server to client: the sender is in {@code room} as {@code id}; {@code members} are the others.
     *
     * @param room    the room joined
     * @param id      the peer id the server assigned to this connection; new on every (re)connect
     * @param members the other members at the time of joining, without the sender (an immutable copy)
     * @param sfu     {@code true} in an SFU room (media goes through the server, peer id {@code "sfu"});
     *                null (absent) in a mesh room
     */
    record Joined(String room, String id, List<Member> members, Boolean sfu) implements SignalingMessage {
        /**
         * Checks the required members.
         *
         * @param room    the room joined
         * @param id      the peer id the server assigned to this connection; new on every (re)connect
         * @param members the other members at the time of joining, without the sender (an immutable copy)
         * @param sfu     {@code true} in an SFU room; null in a mesh room
         * @throws NullPointerException if {@code room}, {@code id} or {@code members} is null
         */
        public Joined {
            require(room, "joined", "room");
            require(id, "joined", "id");
            members = List.copyOf(require(members, "joined", "members"));
        }

        /**
         * A {@code joined} of a mesh room.
         *
         * @param room    the room joined
         * @param id      the peer id the server assigned to this connection
         * @param members the other members at the time of joining
         */
        public Joined(String room, String id, List<Member> members) {
            this(room, id, members, null);
        }

        /**
         * Whether the room is an SFU room.
         *
         * @return true only for {@code "sfu": true}
         */
        public boolean sfuRoom() {
            return Boolean.TRUE.equals(sfu);
        }
    }

    /**
     * Server to the other members: {@code id} joined the room.
     *
     * @param id   the new member's peer id
     * @param name the new member's display name, or null if it gave none
     */
    record PeerJoined(String id, String name) implements SignalingMessage {
        /**
         * Checks the required members.
         *
         * @param id   the new member's peer id
         * @param name the new member's display name, or null if it gave none
         * @throws NullPointerException if {@code id} is null
         */
        public PeerJoined {
            require(id, "peer-joined", "id");
        }
    }

    /**
     * Server to the remaining members: {@code id} left the room (leave, closed or lost connection).
     *
     * @param id the peer id of the member that left
     */
    record PeerLeft(String id) implements SignalingMessage {
        /**
         * Checks the required members.
         *
         * @param id the peer id of the member that left
         * @throws NullPointerException if {@code id} is null
         */
        public PeerLeft {
            require(id, "peer-left", "id");
        }
    }

    /**
     * An SDP offer: the {@code sdp} of an {@code RTCSessionDescriptionInit} with type {@code "offer"}
     * (<a href="https://www.w3.org/TR/webrtc/#dom-rtcsessiondescriptioninit">spec</a>).
     *
     * @param to      the recipient's peer id (required)
     * @param from    the sender's peer id, stamped by the server; null in what a client sends
     * @param sdp     the session description (required)
     * @param streams in an SFU room's offers from {@code "sfu"} (the subscribe connection): the publisher's
     *                peer id of each MediaStream id ({@code a=msid}) the offer carries; null elsewhere
     *                (an immutable copy in the order given)
     */
    record Offer(String to, String from, String sdp, Map<String, String> streams) implements Addressed {
        /**
         * Checks the required members and copies {@code streams}.
         *
         * @param to      the recipient's peer id (required)
         * @param from    the sender's peer id, stamped by the server; null in what a client sends
         * @param sdp     the session description (required)
         * @param streams MediaStream id to publisher peer id, or null; no null keys or values
         * @throws NullPointerException if {@code to} or {@code sdp} is null, or {@code streams} holds a null
         */
        public Offer {
            require(to, "offer", "to");
            require(sdp, "offer", "sdp");
            if (streams != null) {
                Map<String, String> copy = new LinkedHashMap<>();
                streams.forEach((k, v) -> copy.put(require(k, "offer", "streams"), require(v, "offer", "streams")));
                streams = Collections.unmodifiableMap(copy);
            }
        }

        /**
         * An offer without {@code streams} (every offer but the SFU's).
         *
         * @param to   the recipient's peer id (required)
         * @param from the sender's peer id, or null
         * @param sdp  the session description (required)
         */
        public Offer(String to, String from, String sdp) {
            this(to, from, sdp, null);
        }

        @Override
        public Offer withFrom(String from) {
            return new Offer(to, from, sdp, streams);
        }
    }

    /**
     * An SDP answer: the {@code sdp} of an {@code RTCSessionDescriptionInit} with type {@code "answer"}
     * (<a href="https://www.w3.org/TR/webrtc/#dom-rtcsessiondescriptioninit">spec</a>).
     *
     * @param to   the recipient's peer id (required)
     * @param from the sender's peer id, stamped by the server; null in what a client sends
     * @param sdp  the session description (required)
     */
    record Answer(String to, String from, String sdp) implements Addressed {
        /**
         * Checks the required members.
         *
         * @param to   the recipient's peer id (required)
         * @param from the sender's peer id, stamped by the server; null in what a client sends
         * @param sdp  the session description (required)
         * @throws NullPointerException if {@code to} or {@code sdp} is null
         */
        public Answer {
            require(to, "answer", "to");
            require(sdp, "answer", "sdp");
        }

        @Override
        public Answer withFrom(String from) {
            return new Answer(to, from, sdp);
        }
    }

    /**
     * An ICE candidate, members as in RTCIceCandidateInit; an empty {@code candidate} is the
     * end-of-candidates indication
     * (<a href="https://www.w3.org/TR/webrtc/#dom-rtcicecandidateinit">spec</a>).
     *
     * @param to               the recipient's peer id (required)
     * @param from             the sender's peer id, stamped by the server; null in what a client sends
     * @param candidate        the {@code candidate-attribute} of RFC 8839 without {@code a=}, or {@code ""}
     *                         (required)
     * @param sdpMid           the media stream identification tag of the candidate's m-section, or null
     * @param sdpMLineIndex    the index (from 0) of the candidate's m-section in the SDP, or null
     * @param usernameFragment the ICE username fragment the candidate belongs to, or null
     */
    record Candidate(String to, String from, String candidate, String sdpMid, Integer sdpMLineIndex,
                     String usernameFragment) implements Addressed {
        /**
         * Checks the required members.
         *
         * @param to               the recipient's peer id (required)
         * @param from             the sender's peer id, stamped by the server; null in what a client sends
         * @param candidate        the {@code candidate-attribute} of RFC 8839 without {@code a=}, or {@code ""}
         *     (required)
         * @param sdpMid           the media stream identification tag of the candidate's m-section, or null
         * @param sdpMLineIndex    the index (from 0) of the candidate's m-section in the SDP, or null
         * @param usernameFragment the ICE username fragment the candidate belongs to, or null
         * @throws NullPointerException if {@code to} or {@code candidate} is null
         */
        public Candidate {
            require(to, "candidate", "to");
            require(candidate, "candidate", "candidate");
        }

        @Override
        public Candidate withFrom(String from) {
            return new Candidate(to, from, candidate, sdpMid, sdpMLineIndex, usernameFragment);
        }
    }

    /**
     * Ends the call between sender and {@code to} (both stay in the room).
     *
     * @param to   the recipient's peer id (required)
     * @param from the sender's peer id, stamped by the server; null in what a client sends
     */
    record Bye(String to, String from) implements Addressed {
        /**
         * Checks the required members.
         *
         * @param to   the recipient's peer id (required)
         * @param from the sender's peer id, stamped by the server; null in what a client sends
         * @throws NullPointerException if {@code to} is null
         */
        public Bye {
            require(to, "bye", "to");
        }

        @Override
        public Bye withFrom(String from) {
            return new Bye(to, from);
        }
    }

    /**
     * In an SFU room, member to {@code "sfu"}: the largest video resolution the member wants to receive of
     * the track {@code track} (the track id of {@code a=msid} in the server's offer); without {@code width}
     * and {@code height} it lifts the limit. The SFU forwards the largest simulcast layer that fits (the
     * smallest when none does), lowered further by the member's bandwidth estimate.
     *
     * @param to     {@code "sfu"} (required)
     * @param from   the sender's peer id, stamped by the server; null in what a client sends
     * @param track  the received track's id (required)
     * @param width  the largest width wanted, 1 to {@link #MAX_DIMENSION}; null (with {@code height}) to clear
     * @param height the largest height wanted, 1 to {@link #MAX_DIMENSION}; null (with {@code width}) to clear
     */
    record MaxResolution(String to, String from, String track, Integer width, Integer height) implements Addressed {
        /** The largest {@code width} or {@code height} accepted (larger sizes are a {@code bad-message}). */
        public static final int MAX_DIMENSION = 16384;

        /**
         * Checks the members.
         *
         * @throws NullPointerException     if {@code to} or {@code track} is null
         * @throws IllegalArgumentException if only one of {@code width} and {@code height} is given, or one
         *                                  is outside 1..{@link #MAX_DIMENSION}
         */
        public MaxResolution {
            require(to, "max-resolution", "to");
            require(track, "max-resolution", "track");
            if ((width == null) != (height == null)) {
                throw new IllegalArgumentException("'max-resolution' needs both 'width' and 'height', or neither to clear");
            }
            if (width != null && (width < 1 || width > MAX_DIMENSION || height < 1 || height > MAX_DIMENSION)) {
                throw new IllegalArgumentException("'max-resolution' needs a width and height of 1 to " + MAX_DIMENSION
                        + ", got " + width + "x" + height);
            }
        }

        /**
         * A limit lifted: the largest layer the bandwidth allows is forwarded again.
         *
         * @param to    {@code "sfu"}
         * @param track the received track's id
         * @return the message without a size
         */
        public static MaxResolution clear(String to, String track) {
            return new MaxResolution(to, null, track, null, null);
        }

        /**
         * Whether this message lifts the limit (no size).
         *
         * @return true without {@code width} and {@code height}
         */
        public boolean clears() {
            return width == null;
        }

        @Override
        public MaxResolution withFrom(String from) {
            return new MaxResolution(to, from, track, width, height);
        }
    }

    /**
     * An application message: any JSON value in {@code data}, to one member ({@code to}) or, with
     * {@code to} absent, to every other member of the room. The server stamps {@code from}.
     *
     * @param to   the recipient's peer id, or null to send to every other member of the room
     * @param from the sender's peer id, stamped by the server; null in what a client sends
     * @param data the payload, any JSON value including {@code null} as a {@code NullNode} (required; copied)
     */
    record AppMessage(String to, String from, JsonNode data) implements SignalingMessage {
        /**
         * Checks the required members and copies {@code data}.
         *
         * @param to   the recipient's peer id, or null to send to every other member of the room
         * @param from the sender's peer id, stamped by the server; null in what a client sends
         * @param data the payload, any JSON value including {@code null} as a {@code NullNode} (required; copied)
         * @throws NullPointerException if {@code data} is null (a JSON {@code null} is a {@code NullNode})
         */
        public AppMessage {
            data = require(data, "message", "data").deepCopy();
        }

        /**
         * The payload; a copy, so this record stays immutable. Fractions are exact ({@code DecimalNode}).
         *
         * @return a deep copy of the JSON value; never null
         */
        @Override
        public JsonNode data() {
            return data.deepCopy();
        }

        /**
         * A copy with {@code from} set, as the server forwards it.
         *
         * @param from the sender's peer id
         * @return a new message with the same {@code to} and {@code data}
         */
        public AppMessage withFrom(String from) {
            return new AppMessage(to, from, data);
        }
    }

    /** Client to server: leave the current room. Answered by {@link Left}. */
    record Leave() implements SignalingMessage {
    }

    /**
     * Server to client: the sender has left {@code room}.
     *
     * @param room the room left
     */
    record Left(String room) implements SignalingMessage {
        /**
         * Checks the required members.
         *
         * @param room the room left
         * @throws NullPointerException if {@code room} is null
         */
        public Left {
            require(room, "left", "room");
        }
    }

    /**
     * Server to client: a request failed. {@code ref} is the {@code type} of the message that caused it
     * when the server could read it.
     *
     * @param code    what went wrong; {@link ErrorCode#UNKNOWN} for a code this client does not know
     * @param message a human-readable explanation, for logs (required)
     * @param ref     the {@code type} of the message that failed (e.g. {@code "join"}), or null
     */
    record ErrorMessage(ErrorCode code, String message, String ref) implements SignalingMessage {
        /**
         * Checks the required members.
         *
         * @param code    what went wrong; {@link ErrorCode#UNKNOWN} for a code this client does not know
         * @param message a human-readable explanation, for logs (required)
         * @param ref     the {@code type} of the message that failed (e.g. {@code "join"}), or null
         * @throws NullPointerException if {@code code} or {@code message} is null
         */
        public ErrorMessage {
            require(code, "error", "code");
            require(message, "error", "message");
        }
    }

    /** Keepalive, either direction; answered by {@link Pong}. */
    record Ping() implements SignalingMessage {
    }

    /** The answer to {@link Ping}. */
    record Pong() implements SignalingMessage {
    }

    /**
     * A room member as listed in {@link Joined}.
     *
     * @param id   the member's peer id
     * @param name the member's display name, or null if it gave none
     */
    record Member(String id, String name) {
        /**
         * Checks the required members.
         *
         * @param id   the member's peer id
         * @param name the member's display name, or null if it gave none
         * @throws NullPointerException if {@code id} is null
         */
        public Member {
            require(id, "member", "id");
        }
    }

    private static <T> T require(T value, String type, String member) {
        return Objects.requireNonNull(value, () -> "'" + type + "' needs the member '" + member + "'");
    }
}
