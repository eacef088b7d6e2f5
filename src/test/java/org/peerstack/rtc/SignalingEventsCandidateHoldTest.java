package org.peerstack.rtc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.peerstack.media.MediaKind;

/**
 * {@link SignalingEvents#holdCandidates()}, which {@link PerfectNegotiation} takes around each description
 * it makes: a real connection gathers while a hold is open, and no {@code icecandidate} event is delivered,
 * although the operations chain is idle, until the last hold is released; then all of them come, in order,
 * the end of gathering last.
 */
class SignalingEventsCandidateHoldTest {

    private static final long WAIT_SECONDS = 10;

    @RegisterExtension
    static final RtcFixture rtc = RtcFixture.withFakeDevices();

    @Test
    void candidatesGatheredUnderAHoldWaitForItsLastReleaseAndKeepTheirOrder() throws Exception {
        RTCPeerConnection pc = rtc.connection();
        List<Optional<RTCIceCandidate>> fired = new ArrayList<>();
        pc.addEventListener(RTCPeerConnection.ICE_CANDIDATE, e -> {
            synchronized (fired) {
                fired.add(e.candidate());
            }
        });
        pc.addTransceiver(MediaKind.VIDEO, RTCRtpTransceiverDirection.SENDRECV);

        pc.signalingEvents.holdCandidates();
        pc.signalingEvents.holdCandidates();
        pc.setLocalDescription().get(WAIT_SECONDS, TimeUnit.SECONDS);
        await(() -> pc.iceGatheringState() == RTCIceGatheringState.COMPLETE && pc.operations.isIdle());
        assertThat(pc.iceGatheringState()).as("gathering completed").isEqualTo(RTCIceGatheringState.COMPLETE);
        // Without the holds the events would be delivered now: the chain is idle.
        Thread.sleep(100);
        assertThat(snapshot(fired)).as("delivered while two holds are open").isEmpty();

        pc.signalingEvents.releaseCandidates();
        Thread.sleep(100);
        assertThat(snapshot(fired)).as("delivered while one hold is open").isEmpty();

        pc.signalingEvents.releaseCandidates();
        await(() -> snapshot(fired).contains(Optional.empty()));
        List<Optional<RTCIceCandidate>> delivered = snapshot(fired);
        assertThat(delivered).as("candidates, then the end of gathering").hasSizeGreaterThan(1)
                .last().isEqualTo(Optional.empty());
        assertThat(delivered.subList(0, delivered.size() - 1)).as("candidates before the end: " + delivered)
                .allMatch(Optional::isPresent);

        assertThatThrownBy(pc.signalingEvents::releaseCandidates).isInstanceOf(IllegalStateException.class);
    }

    private static List<Optional<RTCIceCandidate>> snapshot(List<Optional<RTCIceCandidate>> fired) {
        synchronized (fired) {
            return List.copyOf(fired);
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
    }
}
