package org.peerstack.sfu.internal.packet;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.zip.CRC32;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A parsed STUN message (RFC 8489) as the ICE-lite agent needs it: type, transaction id, USERNAME,
 * PRIORITY, USE-CANDIDATE, the ICE role attributes and where MESSAGE-INTEGRITY and FINGERPRINT sit, so
 * both can be verified against the bytes they cover. {@link #parse} never throws: bytes that are not a
 * well-formed STUN message give {@code null}.
 */
public final class StunMessage {

    public static final int MAGIC_COOKIE = 0x2112A442;
    public static final int HEADER_LENGTH = 20;
    public static final int BINDING_REQUEST = 0x0001;
    public static final int BINDING_SUCCESS = 0x0101;
    public static final int BINDING_ERROR = 0x0111;
    public static final int BINDING_INDICATION = 0x0011;

    public static final int ATTR_MAPPED_ADDRESS = 0x0001;
    public static final int ATTR_USERNAME = 0x0006;
    public static final int ATTR_MESSAGE_INTEGRITY = 0x0008;
    public static final int ATTR_ERROR_CODE = 0x0009;
    public static final int ATTR_XOR_MAPPED_ADDRESS = 0x0020;
    public static final int ATTR_PRIORITY = 0x0024;
    public static final int ATTR_USE_CANDIDATE = 0x0025;
    public static final int ATTR_FINGERPRINT = 0x8028;
    public static final int ATTR_ICE_CONTROLLED = 0x8029;
    public static final int ATTR_ICE_CONTROLLING = 0x802A;

    static final int FINGERPRINT_XOR = 0x5354554e;
    /** Longest USERNAME accepted (RFC 8489 §14.3: less than 509 bytes). */
    public static final int MAX_USERNAME_BYTES = 508;

    private final byte[] data;
    private final int offset;
    private final int length;
    private final int type;
    private String username;
    private long priority = -1;
    private boolean useCandidate;
    private boolean controlling;
    private boolean controlled;
    private int integrityAt = -1;
    private int fingerprintAt = -1;

    private StunMessage(byte[] data, int offset, int length, int type) {
        this.data = data;
        this.offset = offset;
        this.length = length;
        this.type = type;
    }

    /** True if the first byte says STUN (RFC 7983 demultiplexing: 0..3). */
    public static boolean looksLikeStun(byte[] data, int offset, int length) {
        return length >= HEADER_LENGTH && (data[offset] & 0xff) < 4 && Bytes.int32(data, offset + 4) == MAGIC_COOKIE;
    }

    /** Parses {@code data[offset, offset+length)}; null if it is not a well-formed STUN message. */
    public static StunMessage parse(byte[] data, int offset, int length) {
        if (!looksLikeStun(data, offset, length)) {
            return null;
        }
        int type = Bytes.uint16(data, offset);
        int bodyLength = Bytes.uint16(data, offset + 2);
        if ((bodyLength & 3) != 0 || HEADER_LENGTH + bodyLength != length) {
            return null;
        }
        StunMessage m = new StunMessage(data, offset, length, type);
        int p = offset + HEADER_LENGTH;
        int end = offset + length;
        while (p < end) {
            if (end - p < 4) {
                return null;
            }
            int attr = Bytes.uint16(data, p);
            int len = Bytes.uint16(data, p + 2);
            int value = p + 4;
            int padded = (len + 3) & ~3;
            if (value + padded > end) {
                return null;
            }
            if (m.fingerprintAt >= 0) {
                return null; // nothing may follow FINGERPRINT
            }
            if (m.integrityAt >= 0 && attr != ATTR_FINGERPRINT) {
                p = value + padded; // attributes after MESSAGE-INTEGRITY are ignored (RFC 8489 §14.5)
                continue;
            }
            switch (attr) {
                case ATTR_USERNAME -> {
                    if (len > MAX_USERNAME_BYTES) {
                        return null;
                    }
                    m.username = new String(data, value, len, StandardCharsets.UTF_8);
                }
                case ATTR_PRIORITY -> {
                    if (len != 4) {
                        return null;
                    }
                    m.priority = Bytes.int32(data, value) & 0xffffffffL;
                }
                case ATTR_USE_CANDIDATE -> m.useCandidate = true;
                case ATTR_ICE_CONTROLLING -> m.controlling = true;
                case ATTR_ICE_CONTROLLED -> m.controlled = true;
                case ATTR_MESSAGE_INTEGRITY -> {
                    if (len != 20) {
                        return null;
                    }
                    m.integrityAt = p;
                }
                case ATTR_FINGERPRINT -> {
                    if (len != 4) {
                        return null;
                    }
                    m.fingerprintAt = p;
                }
                default -> {
                    // comprehension-required unknown attributes only matter to full agents; ignored here
                }
            }
            p = value + padded;
        }
        return m;
    }

    public int type() {
        return type;
    }

    public boolean isBindingRequest() {
        return type == BINDING_REQUEST;
    }

    /** The USERNAME attribute, or null. */
    public String username() {
        return username;
    }

    /** The PRIORITY attribute, or -1. */
    public long priority() {
        return priority;
    }

    public boolean useCandidate() {
        return useCandidate;
    }

    public boolean iceControlling() {
        return controlling;
    }

    public boolean iceControlled() {
        return controlled;
    }

    public boolean hasIntegrity() {
        return integrityAt >= 0;
    }

    public boolean hasFingerprint() {
        return fingerprintAt >= 0;
    }

    /** Copies the 12-byte transaction id into {@code out[at..]}. */
    public void copyTransactionId(byte[] out, int at) {
        System.arraycopy(data, offset + 8, out, at, 12);
    }

    /** True if FINGERPRINT is present and matches the CRC-32 of the bytes before it. */
    public boolean verifyFingerprint() {
        if (fingerprintAt < 0) {
            return false;
        }
        int expected = crcWithLength(data, offset, fingerprintAt - offset, fingerprintAt - offset - HEADER_LENGTH + 8);
        return Bytes.int32(data, fingerprintAt + 4) == expected;
    }

    /** True if MESSAGE-INTEGRITY is present and is the HMAC-SHA1 of the bytes before it under {@code key}. */
    public boolean verifyIntegrity(byte[] key) {
        if (integrityAt < 0) {
            return false;
        }
        byte[] expected = hmacWithLength(key, data, offset, integrityAt - offset, integrityAt - offset - HEADER_LENGTH + 24);
        return MessageDigest.isEqual(expected, java.util.Arrays.copyOfRange(data, integrityAt + 4, integrityAt + 24));
    }

    /** CRC-32 of {@code count} bytes at {@code start} with the header's length field replaced by {@code lengthField}, XOR 0x5354554e. */
    static int crcWithLength(byte[] b, int start, int count, int lengthField) {
        CRC32 crc = new CRC32();
        crc.update(b, start, 2);
        crc.update(lengthField >>> 8);
        crc.update(lengthField & 0xff);
        crc.update(b, start + 4, count - 4);
        return (int) crc.getValue() ^ FINGERPRINT_XOR;
    }

    /** HMAC-SHA1 of {@code count} bytes at {@code start} with the length field replaced by {@code lengthField}. */
    static byte[] hmacWithLength(byte[] key, byte[] b, int start, int count, int lengthField) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            mac.update(b, start, 2);
            mac.update((byte) (lengthField >>> 8));
            mac.update((byte) lengthField);
            mac.update(b, start + 4, count - 4);
            return mac.doFinal();
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA1 unavailable", e);
        }
    }
}
