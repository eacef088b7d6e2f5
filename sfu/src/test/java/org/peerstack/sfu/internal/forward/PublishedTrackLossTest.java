package org.peerstack.sfu.internal.forward;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.peerstack.sfu.SfuConfig;
import org.peerstack.sfu.SfuCounter;
import org.peerstack.sfu.SfuTrack;
import org.peerstack.sfu.internal.sdp.RtpCodec;

/**
 * A publisher's video stream that loses packets, fed real VP8 RTP packets on a real media engine's I/O
 * thread (its socket on loopback, no peer connected): a packet that NACKs did not recover makes the SFU
 * ask the publisher for a keyframe at once, instead of leaving the subscribers' decoders to wait 3 s
 * for one; a packet its RTX recovered does not. Only what the publisher's offer allows is NACKed: an Opus
 * stream (answered with transport-cc alone) and a video codec without {@code nack} feedback never are.
 */
class PublishedTrackLossTest {

    private static final long MS = 1_000_000L;
    private static final int SSRC = 0x1234_5678;

    private MediaEngine engine;

    @BeforeEach
    void start() {
        engine = MediaEngine.start(SfuConfig.newBuilder().bindAddress("127.0.0.1").port(0).build());
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    private <T> T onIoThread(java.util.concurrent.Callable<T> task) throws Exception {
        return engine.call(task).get(10, TimeUnit.SECONDS);
    }

    private PublishedTrack videoTrack() {
        RtpCodec vp8 = new RtpCodec(96, "VP8", 90_000, 0, "", List.of("nack", "nack pli"), 97);
        PublisherSession publisher = new PublisherSession(engine, "p", null, null);
        return new PublishedTrack(publisher, new SfuTrack("p/1", "video", "p", "s", "t", "VP8"), "1", vp8, SSRC, 0x0abc_def0,
                64, engine.config().nackMaxRetries());
    }

    private PublishedTrack audioTrack() {
        RtpCodec opus = new RtpCodec(111, "opus", 48_000, 2, "minptime=10;useinbandfec=1", List.of("transport-cc"), -1);
        PublisherSession publisher = new PublisherSession(engine, "p", null, null);
        return new PublishedTrack(publisher, new SfuTrack("p/0", "audio", "p", "s", "a", "opus"), "0", opus, SSRC, -1,
                64, engine.config().nackMaxRetries());
    }

    /** A VP8 delta-frame packet (RFC 7741: descriptor with S=1, then an inter-frame payload header). */
    private static byte[] vp8(int seq, long ts) {
        byte[] b = new byte[12 + 1 + 20];
        b[0] = (byte) 0x80;
        b[1] = (byte) 96;
        b[2] = (byte) (seq >> 8);
        b[3] = (byte) seq;
        b[4] = (byte) (ts >> 24);
        b[5] = (byte) (ts >> 16);
        b[6] = (byte) (ts >> 8);
        b[7] = (byte) ts;
        b[8] = (byte) (SSRC >> 24);
        b[9] = (byte) (SSRC >> 16);
        b[10] = (byte) (SSRC >> 8);
        b[11] = (byte) SSRC;
        b[12] = 0x10;
        b[13] = 0x01; // P=1: not a keyframe
        return b;
    }

    private static void receive(PublishedTrack t, int seq, boolean recovered, long nowNanos) {
        byte[] b = vp8(seq, 3000L * (seq / 3));
        t.onPacket(b, 0, b.length, seq, 3000L * (seq / 3), recovered, nowNanos);
    }

    /** What the media tick does for the stream: keyframe work, then the NACKs due (returned: how many pairs). */
    private static int tick(PublishedTrack t, long nowNanos) {
        t.retryKeyframeRequest(nowNanos);
        return t.nacks.due(nowNanos, 40 * MS, new int[32]);
    }

    @Test
    void aPacketNacksDidNotRecoverMakesTheSfuAskForAKeyframe() throws Exception {
        boolean pending = onIoThread(() -> {
            PublishedTrack t = videoTrack();
            receive(t, 100, false, MS);
            receive(t, 102, false, 2 * MS); // 101 lost
            for (long ms = 10; ms < 2_000; ms += 20) {
                tick(t, ms * MS); // the publisher never resends 101
            }
            return t.keyframeRequestPending();
        });
        assertThat(engine.metrics().get(SfuCounter.PUBLISHER_PACKETS_UNRECOVERED)).isEqualTo(1);
        assertThat(pending).as("a keyframe asked for (sent once the publisher is connected)").isTrue();
    }

    @Test
    void anAudioStreamsLossesAreCountedButNeverNacked() throws Exception {
        int[] nacked = onIoThread(() -> {
            PublishedTrack t = audioTrack();
            receive(t, 100, false, MS);
            receive(t, 103, false, 2 * MS); // 101 and 102 lost
            int pairs = 0;
            for (long ms = 10; ms < 2_000; ms += 20) {
                pairs += tick(t, ms * MS);
            }
            return new int[] {pairs, t.nacks.missingCount()};
        });
        assertThat(nacked[0]).as("NACK pairs for an Opus stream answered without nack feedback").isZero();
        assertThat(nacked[1]).as("packets still tracked as missing").isZero();
        assertThat(engine.metrics().get(SfuCounter.PUBLISHER_PACKETS_LOST)).isEqualTo(2);
        assertThat(engine.metrics().get(SfuCounter.PUBLISHER_PACKETS_UNRECOVERED)).as("audio asks for no keyframe").isZero();
    }

    @Test
    void aVideoStreamWithoutNackFeedbackGetsAKeyframeRequestInsteadOfNacks() throws Exception {
        Object[] result = onIoThread(() -> {
            RtpCodec vp8 = new RtpCodec(96, "VP8", 90_000, 0, "", List.of("ccm fir", "goog-remb"), -1);
            PublishedTrack t = new PublishedTrack(new PublisherSession(engine, "p", null, null),
                    new SfuTrack("p/1", "video", "p", "s", "t", "VP8"), "1", vp8, SSRC, -1, 64, engine.config().nackMaxRetries());
            receive(t, 100, false, MS);
            receive(t, 102, false, 2 * MS); // 101 lost
            int pairs = tick(t, 10 * MS);
            return new Object[] {pairs, t.keyframeRequestPending()};
        });
        assertThat(result[0]).as("NACK pairs for a stream whose offer had no nack feedback").isEqualTo(0);
        assertThat(result[1]).as("a keyframe asked for at once").isEqualTo(true);
    }

    @Test
    void aPacketItsRtxRecoveredAsksForNoKeyframe() throws Exception {
        boolean pending = onIoThread(() -> {
            PublishedTrack t = videoTrack();
            receive(t, 100, false, MS);
            receive(t, 102, false, 2 * MS); // 101 lost
            assertThat(tick(t, 10 * MS)).as("NACK").isEqualTo(1);
            assertThat(tick(t, 50 * MS)).as("NACK again").isEqualTo(1);
            receive(t, 101, true, 300 * MS); // the answer, late
            for (long ms = 310; ms < 2_000; ms += 20) {
                tick(t, ms * MS);
            }
            return t.keyframeRequestPending();
        });
        assertThat(engine.metrics().get(SfuCounter.RTX_RECOVERED)).isEqualTo(1);
        assertThat(engine.metrics().get(SfuCounter.PUBLISHER_PACKETS_UNRECOVERED)).isZero();
        assertThat(pending).isFalse();
    }
}
