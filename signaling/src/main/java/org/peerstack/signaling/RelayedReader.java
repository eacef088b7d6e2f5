package org.peerstack.signaling;

import org.peerstack.exc.ErrorCode;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.peerstack.exc.SignalingException;
import org.peerstack.signaling.SignalingMessage.AppMessage;
import org.peerstack.signaling.SignalingMessage.Answer;
import org.peerstack.signaling.SignalingMessage.Bye;
import org.peerstack.signaling.SignalingMessage.Candidate;
import org.peerstack.signaling.SignalingMessage.Offer;

/**
 * Reads the relayed messages (offer, answer, candidate, bye and message: nearly all of a signaling
 * server's traffic) with the streaming parser instead of data binding, whose per-message setup (a
 * deserialization context, the polymorphic type lookup, the creator and its reflective call) cost
 * more than the parse itself.
 *
 * <p>It only ever answers what data binding would answer: anything it is not sure of (another type, a
 * member of an unexpected JSON type, a missing required member, a parse or limit error, trailing data)
 * makes it return {@code null}, and {@link SignalingCodec} then decodes the bytes with data binding,
 * which produces the message or the error. {@code SignalingCodecTest} compares the two on mutated
 * inputs. Members that the type does not have are skipped, as data binding ignores unknown members.
 * A {@code message}'s {@code data} is read by {@link ExactTree} from the bytes as sent, so its numbers
 * keep their spelling even when {@code type} is not the first member (data binding then reads a
 * buffered copy, in which they are already decimals).
 */
final class RelayedReader {

    // Members this reader knows, as bits: a member of the wrong JSON type only matters to the types that have it.
    private static final int TO = 1;
    private static final int FROM = 2;
    private static final int SDP = 4;
    private static final int CANDIDATE = 8;
    private static final int SDP_MID = 16;
    private static final int SDP_M_LINE_INDEX = 32;
    private static final int USERNAME_FRAGMENT = 64;
    /** The members each type has (the others are unknown to it and skipped by data binding). */
    private static final int OFFER_MEMBERS = TO | FROM | SDP;
    private static final int CANDIDATE_MEMBERS = TO | FROM | CANDIDATE | SDP_MID | SDP_M_LINE_INDEX | USERNAME_FRAGMENT;
    private static final int BYE_MEMBERS = TO | FROM;
    private static final int MESSAGE_MEMBERS = TO | FROM;

    private RelayedReader() {
    }

    /**
     * The message in {@code json[offset, offset + length)}, or null to leave it to data binding.
     *
     * @throws org.peerstack.exc.SignalingException {@code bad-message} for a {@code message} whose {@code to}
     *         is an explicit null (as {@link AppMessageReader} answers)
     */
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
            JsonNode data = null;
            boolean nullTo = false;
            boolean streams = false; // an SFU offer's map: left to data binding
            int wrong = 0; // members of an unexpected JSON type
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
                    case "to" -> {
                        nullTo = value == JsonToken.VALUE_NULL;
                        if (isText(value)) {
                            to = value == JsonToken.VALUE_NULL ? null : p.getText();
                        } else {
                            wrong |= TO;
                        }
                    }
                    case "from" -> {
                        if (isText(value)) {
                            from = value == JsonToken.VALUE_NULL ? null : p.getText();
                        } else {
                            wrong |= FROM;
                        }
                    }
                    case "sdp" -> {
                        if (isText(value)) {
                            sdp = value == JsonToken.VALUE_NULL ? null : p.getText();
                        } else {
                            wrong |= SDP;
                        }
                    }
                    case "candidate" -> {
                        if (isText(value)) {
                            candidate = value == JsonToken.VALUE_NULL ? null : p.getText();
                        } else {
                            wrong |= CANDIDATE;
                        }
                    }
                    case "sdpMid" -> {
                        if (isText(value)) {
                            sdpMid = value == JsonToken.VALUE_NULL ? null : p.getText();
                        } else {
                            wrong |= SDP_MID;
                        }
                    }
                    case "usernameFragment" -> {
                        if (isText(value)) {
                            usernameFragment = value == JsonToken.VALUE_NULL ? null : p.getText();
                        } else {
                            wrong |= USERNAME_FRAGMENT;
                        }
                    }
                    case "sdpMLineIndex" -> {
                        if (value == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT) {
                            sdpMLineIndex = p.getIntValue();
                        } else if (value != JsonToken.VALUE_NULL) {
                            wrong |= SDP_M_LINE_INDEX;
                        }
                    }
                    case "data" -> data = ExactTree.read(p);
                    case "streams" -> {
                        streams = true;
                        p.skipChildren();
                    }
                    default -> p.skipChildren();
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null || type == null) {
                return null;
            }
            int members = switch (type) {
                case "offer", "answer" -> OFFER_MEMBERS;
                case "candidate" -> CANDIDATE_MEMBERS;
                case "bye" -> BYE_MEMBERS;
                case "message" -> MESSAGE_MEMBERS;
                default -> 0;
            };
            if (members == 0 || (wrong & members & ~TO) != 0 || (streams && type.equals("offer"))) {
                return null;
            }
            if (type.equals("message") && nullTo) {
                throw new SignalingException(ErrorCode.BAD_MESSAGE, AppMessageReader.NULL_TO);
            }
            if ((wrong & TO) != 0) {
                return null;
            }
            return switch (type) {
                case "offer" -> new Offer(to, from, sdp);
                case "answer" -> new Answer(to, from, sdp);
                case "candidate" -> new Candidate(to, from, candidate, sdpMid, sdpMLineIndex, usernameFragment);
                case "bye" -> new Bye(to, from);
                default -> data == null ? null : new AppMessage(to, from, data);
            };
        } catch (SignalingException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            return null; // data binding reads it again and reports the problem in its own words
        }
    }

    /** A string member: text, or null (absent); anything else (data binding would fail or coerce) is wrong. */
    private static boolean isText(JsonToken value) {
        return value == JsonToken.VALUE_STRING || value == JsonToken.VALUE_NULL;
    }
}
