package org.peerstack.signaling.server;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Stamps {@code from} on a relayed message in the bytes it arrived in: the sender's JSON object up to
 * its closing brace, then {@code ,"from":"<peer id>"}} and the brace. Encoding the decoded record again
 * cost more than decoding it (a fifth of the server's CPU at 100,000 messages/s); this is one copy.
 *
 * <p>Only for JSON the codec has decoded as one object with a {@code type} (so it has a member and a
 * closing brace), with no repeated member names (the codec refuses them) and for which
 * {@link #applies} holds, so the sender cannot have named a member {@code from} itself, even escaped:
 * the receiver then sees exactly one {@code from}, the server's. Other messages are encoded from the
 * record, which drops what the sender put in {@code from}. One instance per connection (its peer id).
 */
final class FromStamp {

    /**
     * Spaces (JSON whitespace) {@link JsonCodec} appends to each message it copies out of a frame, so
     * that {@link #frame} can write the stamp in place, with no second copy, for peer ids of up to 22
     * characters (ours have 12). A longer suffix is stamped into a new array instead.
     */
    static final int SLACK = 32;

    private final byte[] suffix;

    /** {@code peerId} is server-made base64url text, so it needs no JSON escaping. */
    FromStamp(String peerId) {
        this.suffix = (",\"from\":\"" + peerId + "\"}").getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * True when {@code json} holds neither {@code "from"} nor a <code>&#92;u</code> escape: a member named
     * {@code from} must be written one way or the other. Text that merely contains them (rare in SDP
     * and candidates) is encoded from the record instead, which is slower but also right.
     */
    static boolean applies(byte[] json) {
        return applies(json, json.length);
    }

    /**
     * {@link #applies(byte[])} for the message in {@code json[0, length)}. Byte by byte: C2 compiles
     * this loop tightly, and a word-at-a-time scan was no faster on signaling JSON, whose quotes come
     * every few bytes.
     */
    static boolean applies(byte[] json, int length) {
        int end = length;
        for (int i = 0; i < end; i++) {
            byte b = json[i];
            if (b == '\\' && i + 1 < end && json[i + 1] == 'u') {
                return false;
            }
            if (b == '"' && end - i >= 6 && json[i + 1] == 'f' && json[i + 2] == 'r' && json[i + 3] == 'o'
                    && json[i + 4] == 'm' && json[i + 5] == '"') {
                return false;
            }
        }
        return true;
    }

    /**
     * A text frame of {@code json} with this connection's {@code from}, the JSON's trailing whitespace
     * dropped. Written in place when that whitespace has room for the suffix (as {@link JsonCodec}
     * leaves {@link #SLACK} spaces after every message), else into a new array; {@code json} belongs to
     * the frame afterwards. The frame is a heap buffer, which the receiver's frame encoder copies next
     * to the header (below 1 KiB) on the receiver's event loop, so no pooled buffer crosses event loops.
     */
    TextWebSocketFrame frame(byte[] json) {
        int brace = closingBrace(json, json.length);
        byte[] buffer = json.length - brace >= suffix.length ? json : Arrays.copyOf(json, brace + suffix.length);
        // the whole array, then the end moved back: wrappedBuffer(array, 0, length) would add a slice
        return new TextWebSocketFrame(Unpooled.wrappedBuffer(buffer).writerIndex(writeSuffix(buffer, brace)));
    }

    /** A new array: {@code json} up to its closing brace, then this connection's {@code from} and the brace. */
    byte[] stamp(byte[] json) {
        int brace = closingBrace(json, json.length);
        byte[] stamped = Arrays.copyOf(json, brace + suffix.length);
        writeSuffix(stamped, brace);
        return stamped;
    }

    /** Writes the suffix over {@code buffer[brace...]}; returns the length of the stamped message. */
    private int writeSuffix(byte[] buffer, int brace) {
        System.arraycopy(suffix, 0, buffer, brace, suffix.length);
        return brace + suffix.length;
    }

    /** The index of the closing brace of the object in {@code json[0, length)}, after any trailing whitespace. */
    private static int closingBrace(byte[] json, int length) {
        int brace = length - 1;
        while (brace > 0 && json[brace] != '}') {
            brace--; // trailing JSON whitespace
        }
        if (brace <= 0) {
            throw new IllegalArgumentException("not a decoded JSON object with members");
        }
        return brace;
    }
}
