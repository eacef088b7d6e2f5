package org.peerstack.signaling.server.cluster;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The pub/sub messages one node receives on its channel ({@code <prefix>to:<node>}). The first byte
 * names the kind:
 * <ul>
 *   <li>{@code W}, {@code J}, {@code L}: membership events published by the Lua scripts, fields
 *       separated by NUL (no field can hold one: room and display names have no control characters,
 *       peer and node ids are base64url). {@code W room peer (id node name)*}: a join of this node's
 *       {@code peer} succeeded and the room held those members before it; {@code V} the same for an
 *       SFU room. {@code J room peer node name}:
 *       a member joined on another node. {@code L room peer}: a member left, or its node died.
 *       An empty name is no name.</li>
 *   <li>{@code R}: relayed messages from another node, written by {@link Outbox}, each one
 *       {@code u16 room length, room (UTF-8), u8 id length, target peer id, u32 JSON length, JSON}
 *       (the JSON as the receiver gets it, {@code from} stamped; it holds no NUL either).</li>
 * </ul>
 * Messages travel in the order they were published (one Redis connection per sending node), which keeps
 * one sender's messages and membership changes in order for every receiver.
 */
final class Wire {

    static final byte WELCOME = 'W';
    static final byte SFU_WELCOME = 'V';
    static final byte JOINED = 'J';
    static final byte LEFT = 'L';
    static final byte RELAYS = 'R';

    private Wire() {
    }

    /** The NUL-separated text fields after the kind byte. */
    static List<String> fields(byte[] message) {
        String text = new String(message, 1, message.length - 1, StandardCharsets.UTF_8);
        List<String> fields = new ArrayList<>();
        int start = 1; // the text starts with a NUL after the kind byte
        if (text.isEmpty() || text.charAt(0) != '\0') {
            start = 0;
        }
        while (true) {
            int end = text.indexOf('\0', start);
            if (end < 0) {
                fields.add(text.substring(start));
                return fields;
            }
            fields.add(text.substring(start, end));
            start = end + 1;
        }
    }

    /** Appends one relayed message to a batch being built (the batch starts with {@link #RELAYS}). */
    static void appendRelay(ByteArrayOutputStream batch, byte[] room, byte[] to, byte[] json) {
        batch.write(room.length >>> 8);
        batch.write(room.length);
        batch.write(room, 0, room.length);
        batch.write(to.length);
        batch.write(to, 0, to.length);
        batch.write(json.length >>> 24);
        batch.write(json.length >>> 16);
        batch.write(json.length >>> 8);
        batch.write(json.length);
        batch.write(json, 0, json.length);
    }

    /** Bytes {@link #appendRelay} adds. */
    static int relaySize(byte[] room, byte[] to, byte[] json) {
        return 2 + room.length + 1 + to.length + 4 + json.length;
    }

    /** Receives the messages of one {@link #RELAYS} batch, in order. */
    interface RelaySink {
        void relay(String room, String to, byte[] batch, int offset, int length);
    }

    /** Reads a {@link #RELAYS} batch; false if it is malformed (what was read before is delivered). */
    static boolean readRelays(byte[] b, RelaySink sink) {
        int i = 1;
        while (i < b.length) {
            if (i + 2 > b.length) {
                return false;
            }
            int roomLength = (b[i] & 0xff) << 8 | (b[i + 1] & 0xff);
            i += 2;
            if (i + roomLength + 1 > b.length) {
                return false;
            }
            String room = new String(b, i, roomLength, StandardCharsets.UTF_8);
            i += roomLength;
            int toLength = b[i] & 0xff;
            i++;
            if (i + toLength + 4 > b.length) {
                return false;
            }
            String to = new String(b, i, toLength, StandardCharsets.US_ASCII);
            i += toLength;
            int jsonLength = (b[i] & 0xff) << 24 | (b[i + 1] & 0xff) << 16 | (b[i + 2] & 0xff) << 8 | (b[i + 3] & 0xff);
            i += 4;
            if (jsonLength < 0 || i + jsonLength > b.length) {
                return false;
            }
            sink.relay(room, to, b, i, jsonLength);
            i += jsonLength;
        }
        return true;
    }
}
