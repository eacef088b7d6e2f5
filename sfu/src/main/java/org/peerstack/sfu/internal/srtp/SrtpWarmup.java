package org.peerstack.sfu.internal.srtp;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.peerstack.sfu.internal.dtls.SrtpKeys;
import org.peerstack.sfu.internal.dtls.SrtpProfile;

/**
 * Lets jitsi-srtp pick its AES implementations before the first connection needs them, off the media thread.
 *
 * <p>On its first use of each cipher (AES-CTR, AES-GCM, ...) jitsi-srtp benchmarks every provider it finds
 * and keeps the fastest, under a lock on its {@code Aes} class. Done lazily, that ran on the SFU's one media
 * I/O thread, inside the first connection's DTLS completion (its first SRTCP context), and stalled every
 * packet and every other connection's set-up meanwhile. Measured on the project's 2-core machine (jstack:
 * {@code Aes$GcmBenchmark.run} on {@code peerstack-sfu-io}): the second connection's completion came 1-2 s
 * late at load 5, 3.7-5.5 s late under half a CPU, 8 s at load 10+ with the CPU shared with two busy loops;
 * a recording subscriber then got no media for those seconds. With this warm-up: 0.2-1.0 s under the same
 * quota.
 *
 * <p>{@link #start()} runs once per JVM, on a daemon thread: one {@link SrtpSession} per profile with
 * throw-away keys protects and unprotects an RTP and an RTCP packet, which makes every cipher of that
 * profile chosen. A connection that completes DTLS before it is done waits on jitsi-srtp's lock for the
 * choice being made rather than making it again.
 */
public final class SrtpWarmup {

    private static final AtomicBoolean STARTED = new AtomicBoolean();
    private static final CompletableFuture<Void> DONE = new CompletableFuture<>();

    private SrtpWarmup() {
    }

    /**
     * Starts the warm-up (the first call; later calls only return the same future).
     *
     * @return completes when every profile's ciphers are chosen, exceptionally if a profile's round trip
     *         failed (connections then make the choice themselves, as before)
     */
    public static CompletableFuture<Void> start() {
        if (STARTED.compareAndSet(false, true)) {
            Thread thread = new Thread(SrtpWarmup::run, "peerstack-sfu-srtp-warmup");
            thread.setDaemon(true);
            thread.start();
        }
        return DONE;
    }

    /** Whether {@link #start()} was called in this JVM. */
    public static boolean started() {
        return STARTED.get();
    }

    private static void run() {
        try {
            for (SrtpProfile profile : SrtpProfile.values()) {
                roundTrip(profile);
            }
            DONE.complete(null);
        } catch (RuntimeException | Error e) {
            DONE.completeExceptionally(e);
        }
    }

    /**
     * Protects and unprotects one RTP and one RTCP packet with {@code profile} (the same throw-away key in
     * both directions).
     *
     * @throws IllegalStateException when a packet does not come back as it was
     */
    static void roundTrip(SrtpProfile profile) {
        byte[] key = new byte[profile.keyLength()];
        byte[] salt = new byte[profile.saltLength()];
        Arrays.fill(key, (byte) 1);
        Arrays.fill(salt, (byte) 2);
        SrtpSession session = new SrtpSession(new SrtpKeys(profile, key, salt, key, salt));
        try {
            // RTP: version 2, payload type 96, sequence 1, timestamp 0, SSRC 1, 100 bytes of payload
            byte[] rtp = new byte[12 + 100 + SrtpSession.MAX_TRAILER];
            rtp[0] = (byte) 0x80;
            rtp[1] = 96;
            rtp[3] = 1;
            rtp[11] = 1;
            byte[] rtpPlain = Arrays.copyOf(rtp, 112);
            check(profile, "RTP", rtpPlain, rtp, session.unprotectRtp(rtp, 0, session.protectRtp(rtp, 0, 112)));
            // RTCP: an empty receiver report of SSRC 1
            byte[] rtcp = new byte[8 + SrtpSession.MAX_TRAILER];
            rtcp[0] = (byte) 0x80;
            rtcp[1] = (byte) 201;
            rtcp[3] = 1;
            rtcp[7] = 1;
            byte[] rtcpPlain = Arrays.copyOf(rtcp, 8);
            check(profile, "RTCP", rtcpPlain, rtcp, session.unprotectRtcp(rtcp, 0, session.protectRtcp(rtcp, 0, 8)));
        } finally {
            session.close();
        }
    }

    private static void check(SrtpProfile profile, String what, byte[] plain, byte[] packet, int length) {
        if (length != plain.length || !Arrays.equals(plain, Arrays.copyOf(packet, length))) {
            throw new IllegalStateException("SRTP warm-up: " + what + " with " + profile + " did not round-trip");
        }
    }
}
