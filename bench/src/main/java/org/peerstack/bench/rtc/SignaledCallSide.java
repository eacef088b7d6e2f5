package org.peerstack.bench.rtc;

import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.peerstack.event.EventType;
import org.peerstack.media.MediaStream;
import org.peerstack.rtc.PerfectNegotiation;
import org.peerstack.rtc.RTCConfiguration;
import org.peerstack.rtc.RTCDataChannelInit;
import org.peerstack.rtc.RTCIceCandidate;
import org.peerstack.rtc.RTCPeerConnection;
import org.peerstack.rtc.RTCPeerConnectionState;
import org.peerstack.rtc.RTCSdpType;
import org.peerstack.rtc.RTCSessionDescription;
import org.peerstack.rtc.WebRtcEngine;
import org.peerstack.signaling.SignalingClient;
import org.peerstack.signaling.SignalingClientOptions;
import org.peerstack.signaling.SignalingMessage;
import org.peerstack.signaling.SignalingMessageEvent;

/**
 * One side of a two-member call set up through a signaling server, as an application (or the demo's
 * bots) does it: a {@link SignalingClient}, and on {@code joined} a call to the member already there with
 * {@link PerfectNegotiation}. The member that joins second calls: it sends {@code send}'s tracks and a
 * data channel; the other creates its connection on {@code peer-joined} and answers. Records when its connection first reads {@code connected}.
 */
public final class SignaledCallSide implements AutoCloseable {

    private static final long TIMEOUT_S = 30;

    private final SignalingClient client;
    private final WebRtcEngine engine;
    private final MediaStream send;
    private final CompletableFuture<Long> connectedAt = new CompletableFuture<>();
    private volatile String selfId = "";
    private RTCPeerConnection pc;
    private PerfectNegotiation negotiation;

    /** Connects to {@code server} (not joined yet). */
    public SignaledCallSide(WebRtcEngine engine, URI server, MediaStream send) throws Exception {
        this.engine = engine;
        this.send = send;
        this.client = SignalingClient.create(SignalingClientOptions.newBuilder(server).build());
        on(SignalingClient.JOINED, joined -> {
            selfId = joined.id();
            joined.members().forEach(m -> call(m.id()));
        });
        // As the demo's Room does: the member already there prepares its connection when the newcomer is
        // announced, so that work overlaps the newcomer's offer instead of following it.
        on(SignalingClient.PEER_JOINED, m -> peer(m.id()));
        on(SignalingClient.OFFER, m -> peer(m.from()).onRemoteDescription(RTCSessionDescription.offer(m.sdp())));
        on(SignalingClient.ANSWER, m -> peer(m.from()).onRemoteDescription(RTCSessionDescription.answer(m.sdp())));
        on(SignalingClient.CANDIDATE, m -> peer(m.from()).onRemoteCandidate(
                new RTCIceCandidate(m.candidate(), m.sdpMid(), m.sdpMLineIndex())));
        client.connect().get(TIMEOUT_S, TimeUnit.SECONDS);
    }

    /** Sends the {@code join}; the calls follow from the server's answer. */
    public CompletableFuture<?> join(String room, String name) {
        return client.join(room, name, null);
    }

    /** When this side's connection first read {@code connected} ({@link System#nanoTime()}). */
    public long connectedAt() throws Exception {
        return connectedAt.get(TIMEOUT_S, TimeUnit.SECONDS);
    }

    private <M extends SignalingMessage> void on(EventType<SignalingMessageEvent<M>> type, Consumer<M> handler) {
        client.addEventListener(type, event -> handler.accept(event.message()));
    }

    private void call(String remoteId) {
        peer(remoteId);
        pc.batch(() -> {
            if (send != null) {
                send.getTracks().forEach(t -> pc.addTrack(t, send));
            }
            pc.createDataChannel("bench", RTCDataChannelInit.defaults());
        });
    }

    private synchronized PerfectNegotiation peer(String remoteId) {
        if (pc == null) {
            pc = engine.createPeerConnection(RTCConfiguration.from(engine.config()));
            RTCPeerConnection created = pc;
            created.addEventListener(RTCPeerConnection.CONNECTION_STATE_CHANGE, e -> {
                if (created.connectionState() == RTCPeerConnectionState.CONNECTED) {
                    connectedAt.complete(System.nanoTime());
                }
            });
            negotiation = PerfectNegotiation.attach(created, selfId.compareTo(remoteId) < 0,
                    d -> client.send(d.type() == RTCSdpType.OFFER
                            ? new SignalingMessage.Offer(remoteId, null, d.sdp())
                            : new SignalingMessage.Answer(remoteId, null, d.sdp())),
                    c -> client.send(new SignalingMessage.Candidate(remoteId, null, c.candidate(), c.sdpMid(),
                            c.sdpMLineIndex(), null)));
        }
        return negotiation;
    }

    @Override
    public synchronized void close() {
        if (pc != null) {
            pc.close();
        }
        client.close();
    }
}
