package org.peerstack.rtc;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Test helper: wires two connections in one JVM the way a signaling channel would (trickled candidates
 * forwarded to the other side) and runs offer/answer exchanges.
 */
public final class Negotiation {

    public static final Duration TIMEOUT = Duration.ofSeconds(20);

    private Negotiation() {
    }

    /** Forwards every trickled candidate of each side to the other. */
    static void trickle(RTCPeerConnection a, RTCPeerConnection b) {
        a.addEventListener(RTCPeerConnection.ICE_CANDIDATE, e -> e.candidate().ifPresent(c -> b.addIceCandidate(c)));
        b.addEventListener(RTCPeerConnection.ICE_CANDIDATE, e -> e.candidate().ifPresent(c -> a.addIceCandidate(c)));
    }

    /** One offer/answer round started by {@code offerer}. */
    static void exchange(RTCPeerConnection offerer, RTCPeerConnection answerer) throws Exception {
        offerer.setLocalDescription().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        answerer.setRemoteDescription(offerer.localDescription()).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        answerer.setLocalDescription().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        offerer.setRemoteDescription(answerer.localDescription()).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Trickle + one exchange + both connected. */
    public static void connect(RTCPeerConnection a, RTCPeerConnection b) throws Exception {
        trickle(a, b);
        CompletableFuture<Void> connected = CompletableFuture.allOf(connected(a), connected(b));
        exchange(a, b);
        connected.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Completes when {@code pc} reaches {@code connected}. */
    static CompletableFuture<Void> connected(RTCPeerConnection pc) {
        return state(pc, RTCPeerConnectionState.CONNECTED);
    }

    static CompletableFuture<Void> state(RTCPeerConnection pc, RTCPeerConnectionState wanted) {
        return org.peerstack.testing.TestPeers.state(pc, wanted);
    }
}
