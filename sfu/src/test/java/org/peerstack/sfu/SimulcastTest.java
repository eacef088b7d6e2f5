package org.peerstack.sfu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.peerstack.media.MediaStreamTrack;
import org.peerstack.media.VideoSink;
import org.peerstack.testing.Chromium;

/**
 * A Chromium publisher sends three simulcast layers (1280x720 fake camera; rids q/h/f scaled down by
 * 4/2/1) → SFU → a peerstack (libwebrtc) subscriber: limited to 320x180 it decodes 320x180 frames, every
 * one Chromium sent on that layer; the limit lifted, it decodes the largest layer within 1 s, and frames
 * keep being decoded across the switch (no gap longer than a few frame intervals: the switch waited for
 * the new layer's keyframe and the sequence numbers and timestamps stayed continuous).
 */
class SimulcastTest {

    @RegisterExtension
    static final RealPeers peers = new RealPeers();

    /** The camera's frame rate, and the longest gap between decoded frames accepted across a switch. */
    static final int FPS = 15;
    static final long MAX_GAP_MILLIS = 5 * 1000 / FPS;

    /**
     * Frames that can be sent but not yet decoded, or decoded but counted as sent before the window, at the
     * edges of a measuring window: the path's delay and the decoder's jitter buffer plus the time a
     * getStats() round trip through WebDriver takes on a busy machine; 5 frames is 333 ms at 15 fps.
     */
    static final int IN_FLIGHT_FRAMES = 5;

    record Frame(long nanos, int width, int height) {
    }

    /** The frames Chromium's publisher sent on simulcast layer {@code rid}, per its stats. */
    private static long framesSent(Chromium chromium, String rid) {
        Object n = chromium.asyncScript("""
                window.pub.getStats().then(report => {
                  let sent = 0;
                  report.forEach(s => { if (s.type === 'outbound-rtp' && s.rid === arguments[0]) sent = s.framesSent || 0; });
                  done(sent);
                }, e => done(-1));""", rid);
        return ((Number) n).longValue();
    }

    /** The Chromium publisher's connection and ICE states, for failure messages. */
    private static String chromiumState(Chromium chromium) {
        try {
            return String.valueOf(chromium.asyncScript("done(window.pub.connectionState + '/' + window.pub.iceConnectionState)"));
        } catch (RuntimeException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    @Test
    void subscriberGetsTheLayerItAsksForAndSwitchesUpWithoutAGap() throws Exception {
        // room for the three layers (about 0.15 + 0.5 + 1.7 Mbit/s): the publisher ramps to what REMB announces
        SfuServer sfu = peers.sfu(SfuConfig.newBuilder().maxPublishBitrate(4_000_000));
        SfuRoom room = sfu.room("simulcast");
        try (Chromium chromium = new Chromium("sfu")) {
            String offer = (String) chromium.asyncScript("""
                    (async () => {
                      const stream = await navigator.mediaDevices.getUserMedia(
                          {video: {width: {exact: 1280}, height: {exact: 720}, frameRate: {exact: %d}}});
                      const pc = new RTCPeerConnection();
                      window.pub = pc;
                      const tr = pc.addTransceiver(stream.getVideoTracks()[0], {direction: 'sendonly', streams: [stream],
                          sendEncodings: [{rid: 'q', scaleResolutionDownBy: 4}, {rid: 'h', scaleResolutionDownBy: 2},
                                          {rid: 'f', scaleResolutionDownBy: 1}]});
                      const params = tr.sender.getParameters();
                      params.degradationPreference = 'maintain-resolution';
                      await tr.sender.setParameters(params);
                      await pc.setLocalDescription();
                      return pc.localDescription.sdp;
                    })().then(done, e => done('error: ' + e));""".formatted(FPS));
            assertThat(offer).startsWith("v=0").contains("a=simulcast:send");
            SfuPublisher publisher = room.publish(offer).get(RealPeers.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertThat(publisher.answer()).contains("a=simulcast:recv q;h;f", "a=rid:q recv", "sdes:rtp-stream-id");
            Object answered = chromium.asyncScript("""
                    window.pub.setRemoteDescription({type: 'answer', sdp: arguments[0]}).then(() => done('ok'), e => done('error: ' + e));""",
                    publisher.answer());
            assertThat(answered).isEqualTo("ok");
            String trackId = publisher.tracks().stream().filter(SfuTrack::isVideo).findFirst().orElseThrow().id();

            RealPeers.Subscriber java = peers.subscribe(room);
            java.sfu.setMaxResolution(trackId, 320, 180).get(5, TimeUnit.SECONDS);
            java.firstFrameNanos.get(RealPeers.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            ConcurrentLinkedQueue<Frame> frames = new ConcurrentLinkedQueue<>();
            for (MediaStreamTrack t : java.tracks) {
                if (t.kind().token().equals("video")) {
                    t.addSink((VideoSink) f -> frames.add(new Frame(System.nanoTime(), f.width(), f.height())));
                }
            }

            // all three layers arrive, with the sizes their keyframes state
            List<SfuLayer> layers = List.of();
            long deadline = System.nanoTime() + RealPeers.TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                try {
                    layers = java.sfu.layers(trackId).get(5, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new AssertionError("the subscriber lost the track while waiting for three layers (last seen "
                            + layers + "): publisher closed: " + publisher.closed().getNow(null) + ", subscriber closed: "
                            + java.sfu.closed().getNow(null) + ", Chromium publisher "
                            + chromiumState(chromium)
                            + ", subscriber " + java.pc.connectionState() + "; " + sfu.metrics(), e);
                }
                if (layers.stream().filter(l -> l.active() && l.width() > 0).count() == 3) {
                    break;
                }
                Thread.sleep(200);
            }
            System.out.println("SimulcastTest: layers " + layers + "; " + sfu.metrics());
            assertThat(layers).as("layers the SFU receives").hasSize(3).allMatch(SfuLayer::active).allMatch(l -> l.width() > 0);
            SfuLayer top = layers.stream().max((a, b) -> Integer.compare(a.width(), b.width())).orElseThrow();
            assertThat(layers).extracting(SfuLayer::width).containsExactlyInAnyOrder(320, 640, 1280);

            // limited: 320x180 decoded, nothing larger, for two seconds
            Thread.sleep(1_000);
            long sentBefore = framesSent(chromium, "q");
            frames.clear();
            for (int i = 0; i < 4; i++) {
                Thread.sleep(500);
                System.out.println("SimulcastTest: limited " + frames.stream().map(f -> f.width() + "x" + f.height()).distinct().toList()
                        + " " + java.sfu.layers(trackId).get(5, TimeUnit.SECONDS));
            }
            List<Frame> limited = new ArrayList<>(frames);
            long sent = framesSent(chromium, "q") - sentBefore;
            System.out.println("SimulcastTest: limited to 320x180: " + limited.size() + " frames decoded of " + sent
                    + " Chromium sent on layer q, sizes " + limited.stream().map(f -> f.width() + "x" + f.height()).distinct().toList()
                    + "; layers " + java.sfu.layers(trackId).get(5, TimeUnit.SECONDS));
            // Chromium's frame rate per layer is its own (it drops frames on a busy machine or while its bandwidth
            // estimate ramps); the SFU must forward every frame of the chosen layer.
            assertThat(sent).as("frames Chromium sent on layer q while limited").isPositive();
            assertThat((long) limited.size()).as("frames decoded while limited, of the " + sent + " Chromium sent on layer q"
                    + " (less the frames in flight at the window's edges)").isGreaterThanOrEqualTo(sent - IN_FLIGHT_FRAMES);
            assertThat(limited).allMatch(f -> f.width() == 320 && f.height() == 180);

            // lifted: the top layer within 1 s, frames decoded without a gap
            long lifted = System.nanoTime();
            java.sfu.clearMaxResolution(trackId).get(5, TimeUnit.SECONDS);
            Thread.sleep(2_500);
            List<Frame> after = new ArrayList<>(frames);
            Frame firstTop = after.stream().filter(f -> f.nanos() > lifted && f.width() == top.width()).findFirst().orElse(null);
            // gaps across the switch: from lifting the limit to 500 ms after the first top-layer frame
            long windowEnd = firstTop == null ? System.nanoTime() : firstTop.nanos() + 500_000_000L;
            long maxGap = 0;
            long previous = lifted;
            List<String> gaps = new ArrayList<>();
            for (Frame f : after) {
                if (f.nanos() > lifted && f.nanos() <= windowEnd) {
                    if (f.nanos() - previous > 2 * 1_000_000_000L / FPS) {
                        gaps.add((f.nanos() - previous) / 1_000_000 + " ms before a " + f.width() + " frame at +"
                                + (f.nanos() - lifted) / 1_000_000 + " ms");
                    }
                    maxGap = Math.max(maxGap, f.nanos() - previous);
                    previous = f.nanos();
                }
            }
            maxGap = Math.max(maxGap, windowEnd - previous); // the decoder did not stop inside the window
            long topFrames = after.stream().filter(f -> f.nanos() > lifted && f.width() == top.width()).count();
            System.out.println("SimulcastTest: gaps " + gaps);
            System.out.println("SimulcastTest: after lifting: " + java.sfu.layers(trackId).get(5, TimeUnit.SECONDS) + "; subscriber "
                    + RealPeers.stat(java.pc, "inbound-rtp", "video", "packetsLost") + " "
                    + RealPeers.stat(java.pc, "inbound-rtp", "video", "nackCount") + " "
                    + RealPeers.stat(java.pc, "inbound-rtp", "video", "pliCount") + " "
                    + RealPeers.stat(java.pc, "inbound-rtp", "video", "framesDecoded") + " "
                    + RealPeers.stat(java.pc, "inbound-rtp", "video", "framesDropped") + " "
                    + RealPeers.stat(java.pc, "inbound-rtp", "video", "keyFramesDecoded") + " "
                    + RealPeers.stat(java.pc, "inbound-rtp", "video", "framesReceived"));
            System.out.println("SimulcastTest: lifted: first " + top.width() + "x" + top.height() + " frame after "
                    + (firstTop == null ? "never" : (firstTop.nanos() - lifted) / 1_000_000 + " ms") + ", " + topFrames
                    + " top-layer frames, longest gap across the switch "
                    + maxGap / 1_000_000 + " ms, sizes " + after.stream().filter(f -> f.nanos() > lifted)
                    .map(f -> f.width() + "x" + f.height()).distinct().toList() + "; " + sfu.metrics());
            assertThat(firstTop).as("a frame of the top layer after lifting the limit").isNotNull();
            assertThat((firstTop.nanos() - lifted) / 1_000_000).as("ms until the top layer is decoded").isLessThanOrEqualTo(1_000);
            assertThat(maxGap / 1_000_000).as("longest gap between decoded frames across the switch (ms)")
                    .isLessThanOrEqualTo(MAX_GAP_MILLIS);
            assertThat(after.stream().filter(f -> f.nanos() > firstTop.nanos())).as("after the switch only the top layer")
                    .allMatch(f -> f.width() == top.width());
            assertThat(topFrames).as("top-layer frames decoded in the 2.5 s after lifting").isGreaterThan(FPS);
        }
    }
}
