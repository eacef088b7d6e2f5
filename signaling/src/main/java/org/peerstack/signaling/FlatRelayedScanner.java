package org.peerstack.signaling;

import com.fasterxml.jackson.core.StreamReadConstraints;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.peerstack.signaling.SignalingMessage.Answer;
import org.peerstack.signaling.SignalingMessage.Bye;
import org.peerstack.signaling.SignalingMessage.Candidate;
import org.peerstack.signaling.SignalingMessage.Offer;

/**
 * Reads the commonest relayed messages without a Jackson parser: a flat {@code offer}, {@code answer},
 * {@code candidate} or {@code bye} whose names and strings are printable ASCII without escapes. A
 * parser per message (parser, I/O context, text buffer, symbol-table child, read contexts) was half of
 * the relay's garbage; this reads the bytes in place and allocates only the strings and the record.
 *
 * <p>It accepts a strict subset of JSON and answers {@code null} ("not sure") or {@link #NESTED} for everything else, so
 * that {@link RelayedReader}'s parser reads the message: an escape, a byte outside printable ASCII or a
 * control character in a string, a string longer than the constraints allow, a nested value, a number
 * other than a plain integer of at most {@link #MAX_INT_DIGITS} digits, a name repeated, a known member
 * of another type or of an unexpected JSON type, a {@code data} or {@code streams} member, another
 * {@code type}, trailing data, a missing required member. Unknown members with scalar values are
 * skipped, as data binding skips them; names are compared byte for byte (no escapes get here).
 */
final class FlatRelayedScanner {

    /** Longest integer read here (unit: digits); longer ones, still within int, are left to the parser. */
    static final int MAX_INT_DIGITS = 9;
    /** Most unknown members read here (unit: members); a message with more is left to the parser. */
    static final int MAX_UNKNOWN_MEMBERS = 8;

    private static final int TYPE = 1;
    private static final int TO = 2;
    private static final int FROM = 4;
    private static final int SDP = 8;
    private static final int CANDIDATE = 16;
    private static final int SDP_MID = 32;
    private static final int SDP_M_LINE_INDEX = 64;
    private static final int USERNAME_FRAGMENT = 128;
    private static final int OTHER_KNOWN = 256; // data, streams: left to the parser

    private static final int OFFER_MEMBERS = TYPE | TO | FROM | SDP;
    private static final int CANDIDATE_MEMBERS = TYPE | TO | FROM | CANDIDATE | SDP_MID | SDP_M_LINE_INDEX | USERNAME_FRAGMENT;
    private static final int BYE_MEMBERS = TYPE | TO | FROM;

    private static final byte[][] NAMES = ascii("type", "to", "from", "sdp", "candidate", "sdpMid", "sdpMLineIndex",
            "usernameFragment", "data", "streams");
    private static final int[] NAME_BITS = {TYPE, TO, FROM, SDP, CANDIDATE, SDP_MID, SDP_M_LINE_INDEX,
            USERNAME_FRAGMENT, OTHER_KNOWN, OTHER_KNOWN};
    private static final byte[][] TYPES = ascii("offer", "answer", "candidate", "bye");
    private static final int[] TYPE_MEMBERS = {OFFER_MEMBERS, OFFER_MEMBERS, CANDIDATE_MEMBERS, BYE_MEMBERS};
    /** The span of a string member that is absent or null. */
    private static final long ABSENT = -1L;
    private static final byte[] NULL = ascii("null")[0];
    private static final byte[] TRUE = ascii("true")[0];
    private static final byte[] FALSE = ascii("false")[0];

    private FlatRelayedScanner() {
    }

    /** The answer for a message with an object or array value: only the checking parser can read it. */
    static final Object NESTED = new Object();

    /**
     * The message in {@code json[offset, offset + length)}; {@link #NESTED} when it has an object or array
     * value (before anything else made this reader give up); null when the parser must read it.
     */
    static Object read(StreamReadConstraints limits, byte[] json, int offset, int length) {
        if (limits.getMaxNestingDepth() < 1 || limits.getMaxTokenCount() > 0
                || (limits.getMaxDocumentLength() > 0 && length > limits.getMaxDocumentLength())
                || limits.getMaxNumberLength() < MAX_INT_DIGITS) {
            return null;
        }
        int maxString = limits.getMaxStringLength();
        int maxName = limits.getMaxNameLength();
        int end = offset + length;
        int i = skipSpace(json, offset, end);
        if (i == end || json[i] != '{') {
            return null;
        }
        int type = -1;
        // where each string value starts and ends (a span, ABSENT or null): strings are made only for a message read here
        long to = ABSENT;
        long from = ABSENT;
        long sdp = ABSENT;
        long candidate = ABSENT;
        long sdpMid = ABSENT;
        long usernameFragment = ABSENT;
        Integer sdpMLineIndex = null;
        int seen = 0;
        int[] unknown = null; // start and length of each unknown name
        int unknowns = 0;
        i = skipSpace(json, i + 1, end);
        if (i < end && json[i] == '}') {
            return null; // no type
        }
        while (true) {
            // a name
            if (i == end || json[i] != '"') {
                return null;
            }
            int nameStart = i + 1;
            int nameEnd = plainStringEnd(json, nameStart, end);
            if (nameEnd < 0 || nameEnd - nameStart > maxName) {
                return null;
            }
            int bit = bitOf(json, nameStart, nameEnd - nameStart);
            if (bit == 0) {
                if (unknown == null) {
                    unknown = new int[2 * MAX_UNKNOWN_MEMBERS];
                } else if (unknowns == MAX_UNKNOWN_MEMBERS) {
                    return null;
                }
                for (int u = 0; u < unknowns; u++) {
                    int s = unknown[2 * u];
                    if (Arrays.equals(json, s, s + unknown[2 * u + 1], json, nameStart, nameEnd)) {
                        return null; // repeated: the parser reports it
                    }
                }
                unknown[2 * unknowns] = nameStart;
                unknown[2 * unknowns + 1] = nameEnd - nameStart;
                unknowns++;
            } else if ((seen & bit) != 0) {
                return null; // repeated: the parser reports it
            }
            seen |= bit;
            i = skipSpace(json, nameEnd + 1, end);
            if (i == end || json[i] != ':') {
                return null;
            }
            i = skipSpace(json, i + 1, end);
            if (i == end) {
                return null;
            }
            // its value
            byte first = json[i];
            int valueEnd;
            if (first == '"') {
                valueEnd = plainStringEnd(json, i + 1, end);
                if (valueEnd < 0 || valueEnd - i - 1 > maxString) {
                    return null;
                }
                long span = span(i + 1, valueEnd);
                switch (bit) {
                    case TYPE -> type = typeOf(json, i + 1, valueEnd - i - 1);
                    case TO -> to = span;
                    case FROM -> from = span;
                    case SDP -> sdp = span;
                    case CANDIDATE -> candidate = span;
                    case SDP_MID -> sdpMid = span;
                    case USERNAME_FRAGMENT -> usernameFragment = span;
                    case 0 -> { }
                    default -> {
                        return null; // a string where a number belongs
                    }
                }
                valueEnd++;
            } else if (first == 'n' && literal(json, i, end, NULL)) {
                if (bit == TYPE) {
                    return null;
                }
                valueEnd = i + NULL.length; // a null string or index stays null
            } else if (first == '0' || (first >= '1' && first <= '9')) {
                if (bit != 0 && bit != SDP_M_LINE_INDEX) {
                    return null;
                }
                int value = first - '0';
                valueEnd = i + 1;
                if (first != '0') {
                    while (valueEnd < end && json[valueEnd] >= '0' && json[valueEnd] <= '9') {
                        if (valueEnd - i == MAX_INT_DIGITS) {
                            return null;
                        }
                        value = value * 10 + (json[valueEnd++] - '0');
                    }
                }
                if (bit == SDP_M_LINE_INDEX) {
                    sdpMLineIndex = value;
                }
            } else if (bit == 0 && first == 't' && literal(json, i, end, TRUE)) {
                valueEnd = i + TRUE.length;
            } else if (bit == 0 && first == 'f' && literal(json, i, end, FALSE)) {
                valueEnd = i + FALSE.length;
            } else if (first == '{' || first == '[') {
                return NESTED;
            } else {
                return null;
            }
            // then a comma or the end of the object
            i = skipSpace(json, valueEnd, end);
            if (i == end) {
                return null;
            }
            if (json[i] == '}') {
                break;
            }
            if (json[i] != ',') {
                return null;
            }
            i = skipSpace(json, i + 1, end);
        }
        if (skipSpace(json, i + 1, end) != end || type < 0 || (seen & ~TYPE_MEMBERS[type]) != 0) {
            return null;
        }
        try {
            return switch (type) {
                case 0 -> new Offer(text(json, to), text(json, from), text(json, sdp));
                case 1 -> new Answer(text(json, to), text(json, from), text(json, sdp));
                case 2 -> new Candidate(text(json, to), text(json, from), text(json, candidate), text(json, sdpMid),
                        sdpMLineIndex, text(json, usernameFragment));
                default -> new Bye(text(json, to), text(json, from));
            };
        } catch (RuntimeException e) {
            return null; // a required member missing: the parser and data binding report it
        }
    }

    private static int skipSpace(byte[] b, int i, int end) {
        while (i < end && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t')) {
            i++;
        }
        return i;
    }

    /** The index of the closing quote of a string of printable ASCII without escapes from {@code i}, or -1. */
    private static int plainStringEnd(byte[] b, int i, int end) {
        while (i < end) {
            byte c = b[i];
            if (c == '"') {
                return i;
            }
            if (c < 0x20 || c > 0x7e || c == '\\') {
                return -1;
            }
            i++;
        }
        return -1;
    }

    private static boolean literal(byte[] b, int i, int end, byte[] word) {
        return end - i >= word.length && Arrays.equals(b, i, i + word.length, word, 0, word.length);
    }

    /** The member's bit in {@link #NAME_BITS}, or 0 for an unknown member. */
    private static int bitOf(byte[] b, int start, int length) {
        int n = indexOf(NAMES, b, start, length);
        return n < 0 ? 0 : NAME_BITS[n];
    }

    /** The index of the type in {@link #TYPES}, or -2 for another type (left to the parser). */
    private static int typeOf(byte[] b, int start, int length) {
        int t = indexOf(TYPES, b, start, length);
        return t < 0 ? -2 : t;
    }

    /** The index of the word equal to {@code b[start, start + length)} in {@code words}, or -1. */
    private static int indexOf(byte[][] words, byte[] b, int start, int length) {
        for (int w = 0; w < words.length; w++) {
            byte[] word = words[w];
            if (word.length == length && Arrays.equals(b, start, start + length, word, 0, length)) {
                return w;
            }
        }
        return -1;
    }

    /** {@code b[start, end)} as one value (no allocation): the start in the high half, the end in the low half. */
    private static long span(int start, int end) {
        return ((long) start << 32) | end;
    }

    /** The string value in {@code span}, or null for {@link #ABSENT} (absent or null). */
    private static String text(byte[] b, long span) {
        if (span == ABSENT) {
            return null;
        }
        int start = (int) (span >>> 32);
        return new String(b, start, (int) span - start, StandardCharsets.ISO_8859_1); // printable ASCII only
    }

    private static byte[][] ascii(String... words) {
        byte[][] bytes = new byte[words.length][];
        for (int w = 0; w < words.length; w++) {
            bytes[w] = words[w].getBytes(StandardCharsets.US_ASCII);
        }
        return bytes;
    }
}
