package org.peerstack.demo;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.peerstack.media.MediaStream;
import org.peerstack.media.MediaStreamTrack;
import org.peerstack.rtc.PerfectNegotiation;
import org.peerstack.rtc.RTCConfiguration;
import org.peerstack.rtc.RTCPeerConnection;
import org.peerstack.rtc.RTCRtpTransceiverDirection;
import org.peerstack.rtc.RTCSessionDescription;
import org.peerstack.rtc.RTCTrackEvent;
import org.peerstack.rtc.WebRtcEngine;

/**
 * An {@link SfuCall}'s one peer connection with the SFU and its negotiation: W3C perfect negotiation with
 * this side polite ({@link PerfectNegotiation}: an offer of the server that collides with ours rolls ours
 * back, and negotiationneeded makes it again), published tracks on sendonly transceivers of their own
 * (addTrack would reuse an m-line on which a track of someone else is received). Descriptions to send go
 * to {@code signaling}; the SFU is ICE-lite, so no candidates are sent. Thread-safe.
 */
final class SfuConnection {

    private final RTCPeerConnection pc;
    private final PerfectNegotiation negotiation;
    /** Ids of the tracks sent. */
    private final Set<String> sending = new HashSet<>();

    SfuConnection(WebRtcEngine engine, RTCConfiguration configuration, Consumer<RTCSessionDescription> signaling,
            Consumer<RTCTrackEvent> tracks, Runnable connected) {
        this.pc = engine.createPeerConnection(configuration);
        this.negotiation = PerfectNegotiation.attach(pc, true, signaling, candidate -> {
            // the SFU is ICE-lite: it learns our address from our connectivity checks
        });
        pc.addEventListener(RTCPeerConnection.TRACK, tracks::accept);
        pc.addEventListener(RTCPeerConnection.CONNECTION_STATE_CHANGE, e -> {
            if (pc.connectionState() == org.peerstack.rtc.RTCPeerConnectionState.CONNECTED) {
                connected.run();
            }
        });
    }

    RTCPeerConnection pc() {
        return pc;
    }

    /** Sends every track of {@code streams} not sent yet on a new sendonly transceiver (one offer for all). */
    synchronized void send(List<MediaStream> streams) {
        pc.batch(() -> {
            for (MediaStream stream : streams) {
                for (MediaStreamTrack track : stream.getTracks()) {
                    if (sending.add(track.id())) {
                        pc.addTransceiver(track, RTCRtpTransceiverDirection.SENDONLY, stream);
                    }
                }
            }
        });
    }

    /** Whether every track sent is among {@code trackIds} (else the connection must be replaced to end one). */
    synchronized boolean sendsOnly(Set<String> trackIds) {
        return trackIds.containsAll(sending);
    }

    synchronized boolean isSending() {
        return !sending.isEmpty();
    }

    /** A description from the server, applied in arrival order (an offer is answered through {@code signaling}). */
    CompletableFuture<Void> remote(RTCSessionDescription description) {
        return negotiation.onRemoteDescription(description);
    }

    void close() {
        pc.close();
    }
}
