package org.peerstack.bench.sfu;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.jitsi.srtp.crypto.JitsiOpenSslProvider;
import org.peerstack.sfu.internal.dtls.SrtpKeys;
import org.peerstack.sfu.internal.dtls.SrtpProfile;
import org.peerstack.sfu.internal.srtp.SrtpSession;

/**
 * What SRTP encryption costs the SFU per forwarded packet, and what the alternatives among the libraries
 * already on the classpath would cost: the SFU's {@link SrtpSession} (jitsi-srtp, which picks OpenSSL
 * through its JNI library here) with AEAD_AES_128_GCM and AES128_CM_HMAC_SHA1_80; the same OpenSSL
 * AES-GCM cipher called directly (what jitsi-srtp's own bookkeeping adds: index, IV, the cryptex check);
 * the JDK's AES-GCM (SunJCE, HotSpot's AES and GHASH intrinsics); Bouncy Castle's GCM (pure Java). Each
 * is one key, a new 12-byte IV per packet, the 20-byte RTP header as associated data, a 16-byte tag.
 * Thread CPU time (not wall time, so other work on the machine matters less), best of {@link #ROUNDS}.
 *
 * <p>{@code java -cp bench/target/peerstack-bench.jar org.peerstack.bench.sfu.SrtpCost [packets=500000]}
 */
public final class SrtpCost {

    static final int ROUNDS = 5;
    static final int HEADER = 20;
    static final int[] SIZES = {1100, 120};

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private SrtpCost() {
    }

    /** One way of encrypting packet number {@code i} of {@code length} bytes in place in {@code b}. */
    private interface Protect {
        void run(byte[] b, int length, int i) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int packets = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
        SecureRandom random = new SecureRandom();
        byte[] key = new byte[16];
        byte[] gcmSalt = new byte[SrtpProfile.AEAD_AES_128_GCM.saltLength()];
        byte[] cmSalt = new byte[SrtpProfile.AES128_CM_HMAC_SHA1_80.saltLength()];
        random.nextBytes(key);
        random.nextBytes(gcmSalt);
        random.nextBytes(cmSalt);
        SrtpSession gcm = new SrtpSession(new SrtpKeys(SrtpProfile.AEAD_AES_128_GCM, key, gcmSalt, key, gcmSalt));
        SrtpSession cm = new SrtpSession(new SrtpKeys(SrtpProfile.AES128_CM_HMAC_SHA1_80, key, cmSalt, key, cmSalt));
        SecretKeySpec aes = new SecretKeySpec(key, "AES");
        byte[] iv = new byte[12];
        Cipher openssl = Cipher.getInstance("AES/GCM/NoPadding", new JitsiOpenSslProvider());
        Cipher jdk = Cipher.getInstance("AES/GCM/NoPadding", "SunJCE");
        GCMModeCipher bc = GCMBlockCipher.newInstance(AESEngine.newInstance());
        bc.init(true, new AEADParameters(new KeyParameter(key), 128, new byte[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}));
        Protect[] ways = {
            (b, len, i) -> check(gcm.protectRtp(b, 0, len)),
            (b, len, i) -> check(cm.protectRtp(b, 0, len)),
            (b, len, i) -> jce(openssl, aes, iv, b, len, i),
            (b, len, i) -> jce(jdk, aes, iv, b, len, i),
            (b, len, i) -> {
                nonce(iv, i);
                bc.init(true, new AEADParameters(null, 128, iv));
                bc.processAADBytes(b, 0, HEADER);
                int n = bc.processBytes(b, HEADER, len - HEADER, b, HEADER);
                bc.doFinal(b, HEADER + n);
            },
        };
        String[] names = {"SrtpSession GCM (jitsi-srtp)", "SrtpSession CM+HMAC (jitsi-srtp)", "OpenSSL AES-GCM direct",
            "JDK SunJCE AES-GCM", "Bouncy Castle GCM"};
        System.out.printf("SrtpCost: %d packets per round, best of %d, thread CPU µs per packet%n", packets, ROUNDS);
        for (int size : SIZES) {
            for (int w = 0; w < ways.length; w++) {
                int count = w == ways.length - 1 ? packets / 10 : packets; // Bouncy Castle is slow
                double best = Double.MAX_VALUE;
                for (int r = 0; r < ROUNDS; r++) {
                    best = Math.min(best, run(ways[w], size, count, r * count));
                }
                System.out.printf("  %5d bytes  %-34s %6.3f%n", size, names[w], best);
            }
        }
    }

    /** µs of thread CPU per packet over {@code count} packets numbered from {@code first}. */
    private static double run(Protect way, int size, int count, int first) throws Exception {
        byte[] b = new byte[size + 64];
        new SecureRandom().nextBytes(b);
        b[0] = (byte) 0x90; // version 2, one header extension
        b[1] = 96;
        b[12] = (byte) 0xbe;
        b[13] = (byte) 0xde;
        b[14] = 0;
        b[15] = 1;
        b[16] = 0x32; // abs-send-time, 3 bytes
        long t0 = THREADS.getCurrentThreadCpuTime();
        for (int i = first; i < first + count; i++) {
            b[2] = (byte) (i >> 8);
            b[3] = (byte) i;
            way.run(b, size, i);
        }
        return (THREADS.getCurrentThreadCpuTime() - t0) / 1000.0 / count;
    }

    private static void jce(Cipher c, SecretKeySpec key, byte[] iv, byte[] b, int len, int i) throws Exception {
        nonce(iv, i);
        c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
        c.updateAAD(b, 0, HEADER);
        c.doFinal(b, HEADER, len - HEADER, b, HEADER);
    }

    /** A distinct 12-byte nonce per packet number (the JDK refuses to reuse one). */
    private static void nonce(byte[] iv, int i) {
        iv[8] = (byte) (i >> 24);
        iv[9] = (byte) (i >> 16);
        iv[10] = (byte) (i >> 8);
        iv[11] = (byte) i;
    }

    private static void check(int n) {
        if (n < 0) {
            throw new IllegalStateException("SRTP protect failed");
        }
    }
}
