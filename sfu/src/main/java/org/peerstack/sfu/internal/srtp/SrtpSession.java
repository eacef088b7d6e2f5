package org.peerstack.sfu.internal.srtp;

import java.security.GeneralSecurityException;
import org.jitsi.srtp.SrtcpCryptoContext;
import org.jitsi.srtp.SrtpContextFactory;
import org.jitsi.srtp.SrtpCryptoContext;
import org.jitsi.srtp.SrtpErrorStatus;
import org.jitsi.srtp.SrtpPolicy;
import org.jitsi.utils.logging2.LoggerImpl;
import org.peerstack.sfu.internal.dtls.SrtpKeys;
import org.peerstack.sfu.internal.dtls.SrtpProfile;
import org.peerstack.sfu.internal.packet.Bytes;
import org.peerstack.sfu.internal.packet.IntMap;

/**
 * SRTP and SRTCP (RFC 3711, RFC 7714) for one peer, in place on byte arrays, with jitsi-srtp's crypto.
 * One crypto context per SSRC and direction, made on first use. Every method returns the new length, or
 * -1 when the packet is refused (authentication failure, replay, malformed): the caller drops and counts
 * it. Never throws on packet contents. Confined to the media I/O thread.
 */
public final class SrtpSession {

    /** Room an encrypted packet needs after its plaintext: the longest SRTCP trailer (index + 16-byte tag). */
    public static final int MAX_TRAILER = 20;
    /** Most SSRCs one peer may use in each direction before new ones are refused. */
    public static final int MAX_SSRCS = 64;

    private static final LoggerImpl JITSI_LOGGER = new LoggerImpl("org.peerstack.sfu.srtp");

    private final SrtpContextFactory encryptFactory;
    private final SrtpContextFactory decryptFactory;
    private final IntMap<SrtpCryptoContext> rtpOut = new IntMap<>();
    private final IntMap<SrtpCryptoContext> rtpIn = new IntMap<>();
    private final IntMap<SrtcpCryptoContext> rtcpOut = new IntMap<>();
    private final IntMap<SrtcpCryptoContext> rtcpIn = new IntMap<>();
    private final PacketBuffer view = new PacketBuffer();

    public SrtpSession(SrtpKeys keys) {
        SrtpPolicy policy = policy(keys.profile());
        this.encryptFactory = new SrtpContextFactory(true, keys.localKey(), keys.localSalt(), policy, policy, JITSI_LOGGER);
        this.decryptFactory = new SrtpContextFactory(false, keys.remoteKey(), keys.remoteSalt(), policy, policy, JITSI_LOGGER);
    }

    private static SrtpPolicy policy(SrtpProfile profile) {
        SrtpPolicy p = switch (profile) {
            case AEAD_AES_128_GCM -> new SrtpPolicy(SrtpPolicy.AESGCM_ENCRYPTION, 16, SrtpPolicy.NULL_AUTHENTICATION, 0, 16, 12);
            case AES128_CM_HMAC_SHA1_80 -> new SrtpPolicy(SrtpPolicy.AESCM_ENCRYPTION, 16, SrtpPolicy.HMACSHA1_AUTHENTICATION, 20, 10, 14);
        };
        // the SFU resends cached packets (NACK answers without RTX): never refuse our own repeats
        p.setSendReplayEnabled(false);
        return p;
    }

    /** Decrypts an SRTP packet in place; returns the RTP length or -1. */
    public int unprotectRtp(byte[] b, int off, int len) {
        if (len < 12) {
            return -1;
        }
        int ssrc = Bytes.int32(b, off + 8);
        try {
            SrtpCryptoContext c = rtpIn.get(ssrc);
            if (c == null) {
                if (rtpIn.size() >= MAX_SSRCS) {
                    return -1;
                }
                c = decryptFactory.deriveContext(ssrc, 0);
                rtpIn.put(ssrc, c);
            }
            PacketBuffer p = view.wrap(b, off, len);
            return c.reverseTransformPacket(p, false) == SrtpErrorStatus.OK ? p.getLength() : -1;
        } catch (GeneralSecurityException | RuntimeException e) {
            return -1;
        }
    }

    /** Encrypts an RTP packet in place ({@link #MAX_TRAILER} bytes of room after it); returns the SRTP length or -1. */
    public int protectRtp(byte[] b, int off, int len) {
        int ssrc = Bytes.int32(b, off + 8);
        try {
            SrtpCryptoContext c = rtpOut.get(ssrc);
            if (c == null) {
                c = encryptFactory.deriveContext(ssrc, 0);
                rtpOut.put(ssrc, c);
            }
            PacketBuffer p = view.wrap(b, off, len);
            return c.transformPacket(p) == SrtpErrorStatus.OK ? p.getLength() : -1;
        } catch (GeneralSecurityException | RuntimeException e) {
            return -1;
        }
    }

    /** Decrypts an SRTCP packet in place; returns the RTCP length or -1. */
    public int unprotectRtcp(byte[] b, int off, int len) {
        if (len < 8 + 4 + 10) {
            return -1;
        }
        int ssrc = Bytes.int32(b, off + 4);
        try {
            SrtcpCryptoContext c = rtcpIn.get(ssrc);
            if (c == null) {
                if (rtcpIn.size() >= MAX_SSRCS) {
                    return -1;
                }
                c = decryptFactory.deriveControlContext(ssrc);
                rtcpIn.put(ssrc, c);
            }
            PacketBuffer p = view.wrap(b, off, len);
            return c.reverseTransformPacket(p) == SrtpErrorStatus.OK ? p.getLength() : -1;
        } catch (GeneralSecurityException | RuntimeException e) {
            return -1;
        }
    }

    /** Encrypts an RTCP packet in place; returns the SRTCP length or -1. */
    public int protectRtcp(byte[] b, int off, int len) {
        int ssrc = Bytes.int32(b, off + 4);
        try {
            SrtcpCryptoContext c = rtcpOut.get(ssrc);
            if (c == null) {
                c = encryptFactory.deriveControlContext(ssrc);
                rtcpOut.put(ssrc, c);
            }
            PacketBuffer p = view.wrap(b, off, len);
            return c.transformPacket(p) == SrtpErrorStatus.OK ? p.getLength() : -1;
        } catch (GeneralSecurityException | RuntimeException e) {
            return -1;
        }
    }

    /** Releases the crypto contexts. */
    public void close() {
        encryptFactory.close();
        decryptFactory.close();
        rtpOut.clear();
        rtpIn.clear();
        rtcpOut.clear();
        rtcpIn.clear();
    }
}
