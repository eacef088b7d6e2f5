package org.peerstack.sfu.recorder;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerstack.sfu.SfuSubscriber;
import org.peerstack.sfu.client.RtpReceivingPeer;

/**
 * Passthrough recording over the network: a real libwebrtc publisher (fake camera 640x480 + microphone)
 * → real SFU → UDP → {@link RtpPeerRecorder} (an {@code RtpReceivingPeer}, no libwebrtc, no decoding).
 * Every file is checked with ffprobe and decoded in full by ffmpeg with {@code -xerror}; on a lossy link
 * the peer NACKs, recovers packets, asks for keyframes after a burst, and the file still decodes clean.
 */
class RtpPeerRecorderTest {

    private static final long RECORD_MILLIS = 4_000;

    @TempDir
    Path dir;

    @Test
    void vp8AndOpusOverTheNetworkIntoWebm() throws Exception {
        Path file = dir.resolve("net-vp8.webm");
        record("VP8", file, null);
        List<Probe.Stream> streams = Probe.streams(file);
        System.out.println("RtpPeerRecorderTest VP8: " + streams);
        assertThat(streams).extracting(Probe.Stream::codec).containsExactlyInAnyOrder("vp8", "opus");
        Probe.Stream video = streams.stream().filter(s -> s.type().equals("video")).findFirst().orElseThrow();
        assertThat(video.width()).isEqualTo(640);
        assertThat(video.height()).isEqualTo(480);
        assertThat(video.packets()).as("video frames in %d ms", RECORD_MILLIS).isGreaterThan(RECORD_MILLIS * 20 / 1000);
        assertThat(Probe.decodeErrors(file)).as("ffmpeg -xerror decode").isEmpty();
    }

    @Test
    void h264AndOpusOverTheNetworkIntoMp4() throws Exception {
        Path file = dir.resolve("net-h264.mp4");
        record("H264", file, null);
        List<Probe.Stream> streams = Probe.streams(file);
        System.out.println("RtpPeerRecorderTest H264: " + streams);
        assertThat(streams).extracting(Probe.Stream::codec).containsExactlyInAnyOrder("h264", "opus");
        Probe.Stream video = streams.stream().filter(s -> s.type().equals("video")).findFirst().orElseThrow();
        assertThat(video.width()).isEqualTo(640);
        assertThat(video.packets()).isGreaterThan(RECORD_MILLIS * 20 / 1000);
        assertThat(Probe.decodeErrors(file)).as("ffmpeg -xerror decode").isEmpty();
    }

    @Test
    void aLossyLinkIsRepairedByNacksAndKeyframesAndTheFileDecodesClean() throws Exception {
        Path file = dir.resolve("net-lossy.webm");
        double[] lossAndBurst = {0.03, 250}; // 250 packets: well over 128 video packets, too wide to NACK
        RtpReceivingPeer.Stats stats = record("VP8", file, lossAndBurst);
        List<Probe.Stream> streams = Probe.streams(file);
        System.out.println("RtpPeerRecorderTest lossy: " + streams + " peer " + stats);
        assertThat(stats.nacksSent()).as("NACKs sent").isPositive();
        assertThat(stats.packetsRecovered()).as("packets recovered by retransmission").isPositive();
        assertThat(stats.keyframeRequestsSent()).as("keyframe requests (the burst is too wide to NACK)").isPositive();
        Probe.Stream video = streams.stream().filter(s -> s.type().equals("video")).findFirst().orElseThrow();
        assertThat(video.packets()).isGreaterThan(RECORD_MILLIS * 10 / 1000);
        assertThat(Probe.decodeErrors(file)).as("ffmpeg -xerror decode").isEmpty();
    }

    /** Records the publisher's stream for {@link #RECORD_MILLIS}; with {@code lossAndBurst}, through a {@link DroppingRelay}. */
    private static RtpReceivingPeer.Stats record(String codec, Path file, double[] lossAndBurst) throws Exception {
        try (RealPublisher peers = new RealPublisher("net-" + codec)) {
            peers.publish(codec);
            SfuSubscriber sub = peers.room.subscribe().get(10, TimeUnit.SECONDS);
            peers.closeLater(sub);
            RtpReceivingPeer.Stats stats;
            try (RtpPeerRecorder rec = RtpPeerRecorder.open(new InetSocketAddress(RealPublisher.ADDRESS, 0), tracks -> file,
                    SfuRecordingOptions.defaults())) {
                String offer = sub.createOffer().get(10, TimeUnit.SECONDS);
                DroppingRelay relay = null;
                if (lossAndBurst != null) {
                    relay = new DroppingRelay(RealPublisher.ADDRESS, new InetSocketAddress(RealPublisher.ADDRESS, sfuPort(offer)), lossAndBurst[0]);
                    peers.closeLater(relay);
                    offer = relay.rewrite(offer);
                }
                sub.setAnswer(rec.peer().answer(offer).get(10, TimeUnit.SECONDS)).get(10, TimeUnit.SECONDS);
                rec.peer().connected().get(15, TimeUnit.SECONDS);
                Thread.sleep(RECORD_MILLIS / 2);
                if (relay != null) {
                    relay.burst.set((int) lossAndBurst[1]);
                    Thread.sleep(2_000); // the burst lasts about 1.7 s; the keyframe asked for after it is recorded
                }
                Thread.sleep(RECORD_MILLIS / 2);
                stats = rec.peer().stats();
                assertThat(rec.recordings()).hasSize(1);
                assertThat(rec.failures()).isEmpty();
            }
            Path keep = Path.of("target", "recordings");
            Files.createDirectories(keep);
            Files.copy(file, keep.resolve(file.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return stats;
        }
    }

    private static int sfuPort(String offer) {
        for (String line : offer.split("\r\n")) {
            if (line.startsWith("a=candidate:")) {
                return Integer.parseInt(line.split(" ")[5]);
            }
        }
        throw new AssertionError("no candidate in " + offer);
    }
}
