package org.peerstack.signaling;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
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
        /** The recipient's peer id (required). */
        String to();

        /** The sender's peer id, stamped by the server; {@code null} in what a client sends. */
        String from();

        /** A copy with {@code from} set, as the server forwards it. */
        Addressed withFrom(String from);
    }

    /** Client to server: join {@code room}. Answered by {@link Joined} or an {@link ErrorMessage}. */
    record Join(String room, String name, String token) implements SignalingMessage {
        public Join {
            require(room, "join", "room");
        }
    }

    /** Server to client: the sender is in {@code room} as {@code id}; {@code members} are the others. */
    record Joined(String room, String id, List<Member> members) implements SignalingMessage {
        public Joined {
            require(room, "joined", "room");
            require(id, "joined", "id");
            members = List.copyOf(require(members, "joined", "members"));
        }
    }

    /** Server to the other members: {@code id} joined the room. */
    record PeerJoined(String id, String name) implements SignalingMessage {
        public PeerJoined {
            require(id, "peer-joined", "id");
        }
    }

    /** Server to the remaining members: {@code id} left the room (leave, bye-bye or lost connection). */
    record PeerLeft(String id) implements SignalingMessage {
        public PeerLeft {
            require(id, "peer-left", "id");
        }
    }

    /** An SDP offer (RTCSessionDescriptionInit with type "offer"). */
    record Offer(String to, String from, String sdp) implements Addressed {
        public Offer {
            require(to, "offer", "to");
            require(sdp, "offer", "sdp");
        }

        @Override
        public Offer withFrom(String from) {
            return new Offer(to, from, sdp);
        }
    }

    /** An SDP answer (RTCSessionDescriptionInit with type "answer"). */
    record Answer(String to, String from, String sdp) implements Addressed {
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
     * end-of-candidates indication.
     */
    record Candidate(String to, String from, String candidate, String sdpMid, Integer sdpMLineIndex,
                     String usernameFragment) implements Addressed {
        public Candidate {
            require(to, "candidate", "to");
            require(candidate, "candidate", "candidate");
        }

        @Override
        public Candidate withFrom(String from) {
            return new Candidate(to, from, candidate, sdpMid, sdpMLineIndex, usernameFragment);
        }
    }

    /** Ends the call between sender and {@code to} (both stay in the room). */
    record Bye(String to, String from) implements Addressed {
        public Bye {
            require(to, "bye", "to");
        }

        @Override
        public Bye withFrom(String from) {
            return new Bye(to, from);
        }
    }

    /**
     * An application message: any JSON value in {@code data}, to one member ({@code to}) or, with
     * {@code to} absent, to every other member of the room. The server stamps {@code from}.
     */
    record AppMessage(String to, String from, JsonNode data) implements SignalingMessage {
        public AppMessage {
            data = require(data, "message", "data").deepCopy();
        }

        /** The payload; a copy, so this record stays immutable. Fractions are exact ({@code DecimalNode}). */
        @Override
        public JsonNode data() {
            return data.deepCopy();
        }

        /** A copy with {@code from} set, as the server forwards it. */
        public AppMessage withFrom(String from) {
            return new AppMessage(to, from, data);
        }
    }

    /** Client to server: leave the current room. Answered by {@link Left}. */
    record Leave() implements SignalingMessage {
    }

    /** Server to client: the sender has left {@code room}. */
    record Left(String room) implements SignalingMessage {
        public Left {
            require(room, "left", "room");
        }
    }

    /**
     * Server to client: a request failed. {@code ref} is the {@code type} of the message that caused it
     * when the server could read it.
     */
    record ErrorMessage(ErrorCode code, String message, String ref) implements SignalingMessage {
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

    /** A room member as listed in {@link Joined}. */
    record Member(String id, String name) {
        public Member {
            require(id, "member", "id");
        }
    }

    private static <T> T require(T value, String type, String member) {
        return Objects.requireNonNull(value, () -> "'" + type + "' needs the member '" + member + "'");
    }
}
