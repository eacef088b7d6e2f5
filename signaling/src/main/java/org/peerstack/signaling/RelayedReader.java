package org.peerstack.signaling;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import org.peerstack.signaling.SignalingMessage.Answer;
import org.peerstack.signaling.SignalingMessage.Bye;
import org.peerstack.signaling.SignalingMessage.Candidate;
import org.peerstack.signaling.SignalingMessage.Offer;

/**
 * Reads the four relayed messages (offer, answer, candidate, bye: nearly all of a signaling server's
 * traffic) with the streaming parser instead of data binding, whose per-message setup (a
 * deserialization context, the polymorphic type lookup, the creator and its reflective call) cost
 * more than the parse itself.
 *
 * <p>It only ever answers what data binding would answer: anything it is not sure of (another type, a
 * member of an unexpected JSON type, a missing required member, a parse or limit error, trailing data)
 * makes it return {@code null}, and {@link SignalingCodec} then decodes the bytes with data binding,
 * which produces the message or the error. {@code SignalingCodecTest} compares the two on mutated
 * inputs. Members that the type does not have are skipped, as data binding ignores unknown members.
 */
final class RelayedReader {

    /** Thrown (without a stack trace) where data binding must decide; caught in {@link #read}. */
    private static final RuntimeException NOT_MINE = new RuntimeException("left to data binding", null, false, false) {
    };

    private RelayedReader() {
    }

    /** A string member: text or null; anything else (data binding would fail or coerce) is not ours. */
    private static String text(JsonParser p, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        throw NOT_MINE;
    }

    /** The message in {@code json[offset, offset + length)}, or null to leave it to data binding. */
    static SignalingMessage read(JsonFactory factory, byte[] json, int offset, int length) {
        try (JsonParser p = factory.createParser(json, offset, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            String type = null;
            String to = null;
            String from = null;
            String sdp = null;
            String candidate = null;
            String sdpMid = null;
            String usernameFragment = null;
            Integer sdpMLineIndex = null;
            String name;
            while ((name = p.nextFieldName()) != null) {
                JsonToken value = p.nextToken();
                switch (name) {
                    case "type" -> {
                        if (value != JsonToken.VALUE_STRING) {
                            return null;
                        }
                        type = p.getText();
                    }
                    case "to" -> to = text(p, value);
                    case "from" -> from = text(p, value);
                    case "sdp" -> sdp = text(p, value);
                    case "candidate" -> candidate = text(p, value);
                    case "sdpMid" -> sdpMid = text(p, value);
                    case "usernameFragment" -> usernameFragment = text(p, value);
                    case "sdpMLineIndex" -> {
                        if (value == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT) {
                            sdpMLineIndex = p.getIntValue();
                        } else if (value != JsonToken.VALUE_NULL) {
                            return null;
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null || type == null) {
                return null;
            }
            return switch (type) {
                case "offer" -> new Offer(to, from, sdp);
                case "answer" -> new Answer(to, from, sdp);
                case "candidate" -> new Candidate(to, from, candidate, sdpMid, sdpMLineIndex, usernameFragment);
                case "bye" -> new Bye(to, from);
                default -> null;
            };
        } catch (IOException | RuntimeException e) {
            return null; // data binding reads it again and reports the problem in its own words
        }
    }
}
