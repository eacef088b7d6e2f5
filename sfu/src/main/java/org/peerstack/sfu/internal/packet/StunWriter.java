package org.peerstack.sfu.internal.packet;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Writes the STUN messages ICE needs (RFC 8489, RFC 8445 §7): a Binding success response with
 * XOR-MAPPED-ADDRESS, and a Binding request (used by the load client and the tests), each with
 * MESSAGE-INTEGRITY and FINGERPRINT. Returns the number of bytes written into {@code out}.
 */
public final class StunWriter {

    /** Room enough for any message written here. */
    public static final int MAX_LENGTH = 20 + 24 + 4 + 512 + 8 + 12 + 4 + 24 + 8;

    private StunWriter() {
    }

    /** A Binding success response to {@code request} from {@code remote}, signed with {@code localPassword}. */
    public static int bindingSuccess(StunMessage request, InetSocketAddress remote, byte[] localPassword, byte[] out) {
        Bytes.put16(out, 0, StunMessage.BINDING_SUCCESS);
        Bytes.put32(out, 4, StunMessage.MAGIC_COOKIE);
        request.copyTransactionId(out, 8);
        int p = StunMessage.HEADER_LENGTH;
        p = xorMappedAddress(out, p, remote);
        return finish(out, p, localPassword);
    }

    /**
     * A Binding request as a controlling full agent sends it: USERNAME {@code "remote:local"}, PRIORITY,
     * ICE-CONTROLLING, USE-CANDIDATE when asked, signed with the remote password.
     */
    public static int bindingRequest(byte[] transactionId, String username, long priority, long tieBreaker,
            boolean useCandidate, byte[] remotePassword, byte[] out) {
        Bytes.put16(out, 0, StunMessage.BINDING_REQUEST);
        Bytes.put32(out, 4, StunMessage.MAGIC_COOKIE);
        System.arraycopy(transactionId, 0, out, 8, 12);
        int p = StunMessage.HEADER_LENGTH;
        byte[] user = username.getBytes(StandardCharsets.UTF_8);
        if (user.length > StunMessage.MAX_USERNAME_BYTES) {
            throw new IllegalArgumentException("username longer than " + StunMessage.MAX_USERNAME_BYTES + " bytes");
        }
        p = attribute(out, p, StunMessage.ATTR_USERNAME, user, user.length);
        Bytes.put16(out, p, StunMessage.ATTR_PRIORITY);
        Bytes.put16(out, p + 2, 4);
        Bytes.put32(out, p + 4, (int) priority);
        p += 8;
        Bytes.put16(out, p, StunMessage.ATTR_ICE_CONTROLLING);
        Bytes.put16(out, p + 2, 8);
        Bytes.put32(out, p + 4, (int) (tieBreaker >>> 32));
        Bytes.put32(out, p + 8, (int) tieBreaker);
        p += 12;
        if (useCandidate) {
            Bytes.put16(out, p, StunMessage.ATTR_USE_CANDIDATE);
            Bytes.put16(out, p + 2, 0);
            p += 4;
        }
        return finish(out, p, remotePassword);
    }

    private static int xorMappedAddress(byte[] out, int p, InetSocketAddress remote) {
        byte[] ip = remote.getAddress().getAddress();
        Bytes.put16(out, p, StunMessage.ATTR_XOR_MAPPED_ADDRESS);
        Bytes.put16(out, p + 2, 4 + ip.length);
        out[p + 4] = 0;
        out[p + 5] = (byte) (ip.length == 4 ? 0x01 : 0x02);
        Bytes.put16(out, p + 6, remote.getPort() ^ (StunMessage.MAGIC_COOKIE >>> 16));
        for (int i = 0; i < ip.length; i++) {
            // XOR with the magic cookie, then (IPv6) the transaction id: the 16 bytes at out[4..20)
            out[p + 8 + i] = (byte) (ip[i] ^ out[4 + i]);
        }
        return p + 8 + ip.length;
    }

    private static int attribute(byte[] out, int p, int type, byte[] value, int length) {
        Bytes.put16(out, p, type);
        Bytes.put16(out, p + 2, length);
        System.arraycopy(value, 0, out, p + 4, length);
        int padded = (length + 3) & ~3;
        for (int i = length; i < padded; i++) {
            out[p + 4 + i] = 0;
        }
        return p + 4 + padded;
    }

    /** Appends MESSAGE-INTEGRITY and FINGERPRINT and sets the final length. */
    private static int finish(byte[] out, int p, byte[] key) {
        byte[] hmac = StunMessage.hmacWithLength(key, out, 0, p, p - StunMessage.HEADER_LENGTH + 24);
        p = attribute(out, p, StunMessage.ATTR_MESSAGE_INTEGRITY, hmac, 20);
        int crc = StunMessage.crcWithLength(out, 0, p, p - StunMessage.HEADER_LENGTH + 8);
        Bytes.put16(out, p, StunMessage.ATTR_FINGERPRINT);
        Bytes.put16(out, p + 2, 4);
        Bytes.put32(out, p + 4, crc);
        p += 8;
        Bytes.put16(out, 2, p - StunMessage.HEADER_LENGTH);
        return p;
    }
}
