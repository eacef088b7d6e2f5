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
 *
 * <p>Before any parser, {@link FlatRelayedScanner} tries the message: a flat offer, answer, candidate
 * or bye in plain ASCII (nearly all relayed messages) is read in place, without a parser's garbage.
 *
 * <p>Repeated member names: the first pass runs a parser without Jackson's
 * {@code STRICT_DUPLICATE_DETECTION} (a {@code HashSet} per object: a sixth of the relay's garbage) and
 * refuses repeats itself, a bit per known member and a list of up to {@link #MAX_UNKNOWN_MEMBERS}
 * unknown names (compared decoded: a {@code to} spelled with a \\u escape repeats {@code to}). At the first object or
 * array value (a {@code data}, {@code streams} or unknown member with names inside) it gives up and the
 * message is read again by a parser that checks every object. A repeat makes it return {@code null}, and
 * data binding, whose parser checks too, reports it.
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
    // and the others, for the repeated-name check only
    private static final int TYPE = 128;
    private static final int DATA = 256;
    private static final int STREAMS = 512;
    /**
     * Most unknown members a message may have for the pass without the parser's repeated-name check;
     * a message with more is read again with it (unit: members).
     */
    static final int MAX_UNKNOWN_MEMBERS = 8;
    /** The answer of the unchecked pass for a message it cannot check alone: read it again, checked. */
    private static final Object NESTED = new Object();
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
    static SignalingMessage read(JsonFactory strict, JsonFactory unchecked, byte[] json, int offset, int length) {
        Object plain = FlatRelayedScanner.read(unchecked.streamReadConstraints(), json, offset, length);
        if (plain instanceof SignalingMessage message) {
            return message;
        }
        Object flat = plain == FlatRelayedScanner.NESTED ? NESTED : read(unchecked, false, json, offset, length);
        return flat == NESTED ? (SignalingMessage) read(strict, true, json, offset, length) : (SignalingMessage) flat;
    }

    /**
     * One pass. With {@code checked} false the parser does not look for repeated names: this pass then
     * refuses them itself (a bit per known member, a short list of the unknown ones) and answers
     * {@link #NESTED} at the first object or array value, whose names it cannot see.
     */
    private static Object read(JsonFactory factory, boolean checked, byte[] json, int offset, int length) {
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
            int seen = 0; // known members read so far (unchecked pass)
            String[] unknown = null; // names of the unknown members read so far (unchecked pass)
            int unknowns = 0;
            String name;
            while ((name = p.nextFieldName()) != null) {
                JsonToken value = p.nextToken();
                if (!checked) {
                    if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                        return NESTED;
                    }
                    int bit = bitOf(name);
                    if (bit == 0) {
                        if (unknown == null) {
                            unknown = new String[MAX_UNKNOWN_MEMBERS];
                        } else if (unknowns == MAX_UNKNOWN_MEMBERS) {
                            return NESTED;
                        }
                        for (int i = 0; i < unknowns; i++) {
                            if (unknown[i].equals(name)) {
                                return null; // a repeated name: data binding reports it
                            }
                        }
                        unknown[unknowns++] = name;
                    } else if ((seen & bit) != 0) {
                        return null; // a repeated name: data binding reports it
                    } else {
                        seen |= bit;
                    }
                }
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

    /** The bit of a member name this reader knows (for the repeated-name check), 0 for another name. */
    private static int bitOf(String name) {
        return switch (name) {
            case "to" -> TO;
            case "from" -> FROM;
            case "sdp" -> SDP;
            case "candidate" -> CANDIDATE;
            case "sdpMid" -> SDP_MID;
            case "sdpMLineIndex" -> SDP_M_LINE_INDEX;
            case "usernameFragment" -> USERNAME_FRAGMENT;
            case "type" -> TYPE;
            case "data" -> DATA;
            case "streams" -> STREAMS;
            default -> 0;
        };
    }

    /** A string member: text, or null (absent); anything else (data binding would fail or coerce) is wrong. */
    private static boolean isText(JsonToken value) {
        return value == JsonToken.VALUE_STRING || value == JsonToken.VALUE_NULL;
    }
}
