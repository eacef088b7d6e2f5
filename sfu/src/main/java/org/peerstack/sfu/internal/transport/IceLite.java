package org.peerstack.sfu.internal.transport;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.peerstack.sfu.internal.packet.StunMessage;
import org.peerstack.sfu.internal.packet.StunWriter;

/**
 * The ICE-lite agent of one peer connection (RFC 8445 §2.5): it never sends checks; it answers the
 * remote full agent's Binding requests that carry our ufrag and a valid MESSAGE-INTEGRITY, learns the
 * remote's address from them, and selects the pair the remote nominates (USE-CANDIDATE). Consent
 * freshness (RFC 7675) is the full agent's job; here each valid check on the selected address renews
 * consent and {@link #consentExpired} says when none came for too long. I/O thread only.
 */
public final class IceLite {

    /** Characters of a generated ufrag (RFC 8839 §5.4: at least 4) and password (at least 22). */
    public static final int UFRAG_LENGTH = 8;
    public static final int PASSWORD_LENGTH = 24;
    private static final char[] ICE_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();

    /** What a check did. */
    public enum Outcome { ANSWERED, BAD_INTEGRITY, BAD_FINGERPRINT, WRONG_USER, NOT_A_REQUEST }

    private String localUfrag;
    private String localPassword;
    private byte[] localPasswordBytes;
    private String remoteUfrag;
    private InetSocketAddress selected;
    private InetSocketAddress lastValid;
    private long lastConsentNanos;

    public IceLite(SecureRandom random) {
        restart(random);
    }

    /** Random ICE characters. */
    public static String randomIceString(SecureRandom random, int length) {
        char[] c = new char[length];
        for (int i = 0; i < length; i++) {
            c[i] = ICE_CHARS[random.nextInt(ICE_CHARS.length)];
        }
        return new String(c);
    }

    /** New local credentials (ICE restart, RFC 8445 §9); the selected pair stays until the remote re-nominates. */
    public void restart(SecureRandom random) {
        localUfrag = randomIceString(random, UFRAG_LENGTH);
        localPassword = randomIceString(random, PASSWORD_LENGTH);
        localPasswordBytes = localPassword.getBytes(StandardCharsets.UTF_8);
    }

    public String localUfrag() {
        return localUfrag;
    }

    public String localPassword() {
        return localPassword;
    }

    /** The remote ufrag from its SDP (checked against the USERNAME's second half when set). */
    public void setRemoteUfrag(String ufrag) {
        this.remoteUfrag = ufrag;
    }

    /** The selected remote address, or null before a successful check. */
    public InetSocketAddress selected() {
        return selected;
    }

    /**
     * Handles a parsed STUN message from {@code from}; when answered, the Binding success response is in
     * {@code out} and its length in {@code responseLength[0]} (0 otherwise).
     */
    public Outcome onStun(StunMessage m, InetSocketAddress from, long nowNanos, byte[] out, int[] responseLength) {
        responseLength[0] = 0;
        if (!m.isBindingRequest()) {
            return Outcome.NOT_A_REQUEST;
        }
        String user = m.username();
        if (user == null) {
            return Outcome.WRONG_USER;
        }
        int colon = user.indexOf(':');
        if (colon < 0 || !user.substring(0, colon).equals(localUfrag)) {
            return Outcome.WRONG_USER;
        }
        if (!m.verifyIntegrity(localPasswordBytes)) {
            return Outcome.BAD_INTEGRITY;
        }
        if (m.hasFingerprint() && !m.verifyFingerprint()) {
            return Outcome.BAD_FINGERPRINT;
        }
        if (remoteUfrag != null && !user.substring(colon + 1).equals(remoteUfrag)) {
            return Outcome.WRONG_USER;
        }
        lastValid = from;
        if (m.useCandidate() || selected == null) {
            selected = from;
        }
        if (from.equals(selected)) {
            lastConsentNanos = nowNanos;
        }
        responseLength[0] = StunWriter.bindingSuccess(m, from, localPasswordBytes, out);
        return Outcome.ANSWERED;
    }

    /** The last address that passed a check. */
    public InetSocketAddress lastValid() {
        return lastValid;
    }

    /** True if a pair was selected and no valid check renewed consent for {@code timeoutNanos}. */
    public boolean consentExpired(long nowNanos, long timeoutNanos) {
        return selected != null && nowNanos - lastConsentNanos > timeoutNanos;
    }

    /** When consent was last renewed (System.nanoTime), 0 before. */
    public long lastConsentNanos() {
        return lastConsentNanos;
    }
}
