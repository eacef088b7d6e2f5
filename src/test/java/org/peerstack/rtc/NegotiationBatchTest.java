package org.peerstack.rtc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.peerstack.media.MediaKind;

/**
 * Changes made in one {@link RTCPeerConnection#batch} produce one offer: {@code negotiationneeded} does
 * not fire between two transceivers added back to back, even when the listener makes its offer at once on
 * the event thread and another thread burns the CPU (issue: a late-joining bot's first offer held only the
 * audio m-line, and a second offer crossed the browser's).
 */
class NegotiationBatchTest {

    private static final int REPETITIONS = 200;
    private static final Pattern M_LINE = Pattern.compile("^m=(audio|video) ", Pattern.MULTILINE);

    @RegisterExtension
    static final RtcFixture rtc = RtcFixture.withFakeDevices();

    @Test
    void twoTransceiversAddedBackToBackMakeOneOfferWithBothMLines() throws Exception {
        repeat();
    }

    @Test
    void theSameUnderACpuBurningThread() throws Exception {
        AtomicBoolean burn = new AtomicBoolean(true);
        Thread burner = new Thread(() -> {
            long x = 0;
            while (burn.get()) {
                x += System.nanoTime() % 7;
            }
            if (x == 42) {
                System.out.print("");
            }
        }, "cpu-burner");
        burner.setDaemon(true);
        burner.start();
        try {
            repeat();
        } finally {
            burn.set(false);
            burner.join(5_000);
        }
    }

    private void repeat() throws Exception {
        for (int i = 0; i < REPETITIONS; i++) {
            RTCPeerConnection offerer = rtc.engine().createPeerConnection(RTCConfiguration.newBuilder().build());
            RTCPeerConnection answerer = rtc.engine().createPeerConnection(RTCConfiguration.newBuilder().build());
            try {
                List<String> offers = new CopyOnWriteArrayList<>();
                AtomicInteger events = new AtomicInteger();
                // The perfect-negotiation listener: offer at once, on the event thread.
                offerer.addEventListener(RTCPeerConnection.NEGOTIATION_NEEDED, e -> {
                    events.incrementAndGet();
                    offerer.setLocalDescription().thenCompose(v -> {
                        offers.add(offerer.localDescription().sdp());
                        return answerer.setRemoteDescription(offerer.localDescription());
                    }).thenCompose(v -> answerer.setLocalDescription())
                            .thenCompose(v -> offerer.setRemoteDescription(answerer.localDescription()));
                });
                offerer.batch(() -> {
                    offerer.addTransceiver(MediaKind.AUDIO, RTCRtpTransceiverDirection.RECVONLY);
                    offerer.addTransceiver(MediaKind.VIDEO, RTCRtpTransceiverDirection.RECVONLY);
                });
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while ((offers.isEmpty() || offerer.signalingState() != RTCSignalingState.STABLE
                        || !offerer.operations.isIdle()) && System.nanoTime() < deadline) {
                    Thread.sleep(1);
                }
                assertThat(offers).as("repetition %d: offers made", i).hasSize(1);
                assertThat(mLines(offers.get(0))).as("repetition %d: m-lines of the offer", i)
                        .containsExactly("audio", "video");
                if (i % 50 == 0 || i == REPETITIONS - 1) {
                    // Back in stable with nothing left to negotiate: no second offer follows.
                    Thread.sleep(100);
                    assertThat(events.get()).as("repetition %d: negotiationneeded events", i).isEqualTo(1);
                    assertThat(offers).as("repetition %d: offers after settling", i).hasSize(1);
                }
            } finally {
                offerer.close();
                answerer.close();
            }
        }
    }

    private static List<String> mLines(String sdp) {
        List<String> kinds = new CopyOnWriteArrayList<>();
        Matcher m = M_LINE.matcher(sdp);
        while (m.find()) {
            kinds.add(m.group(1));
        }
        return kinds;
    }
}
