package org.peerstack.rtc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.peerstack.exc.InvalidStateException;
import org.peerstack.exc.OperationException;
import org.peerstack.media.MediaStream;
import org.peerstack.media.MediaStreamTrack;
import org.peerstack.media.MediaStreamTrackEvent;
import org.peerstack.media.MediaStreamTrackState;

/** RTCPeerConnection against real libwebrtc peers in one JVM (inside the test network namespace). */
class RTCPeerConnectionTest {

    @RegisterExtension
    static final RtcFixture rtc = RtcFixture.withFakeDevices();

    private RTCPeerConnection a;
    private RTCPeerConnection b;

    private void pair() {
        a = rtc.connection();
        b = rtc.connection();
    }

    private static MediaStream camera() throws Exception {
        return rtc.camera();
    }

    private static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(20, TimeUnit.SECONDS);
    }

    @Test
    void videoAndDataFlowBothWaysAndRemoteTracksAreNonLocalStreams() throws Exception {
        pair();
        MediaStream camA = camera();
        MediaStream camB = camera();
        a.addTrack(camA.getVideoTracks().get(0), camA);
        b.addTrack(camB.getVideoTracks().get(0), camB);
        BlockingQueue<RTCTrackEvent> tracksAtB = new LinkedBlockingQueue<>();
        BlockingQueue<RTCTrackEvent> tracksAtA = new LinkedBlockingQueue<>();
        b.addEventListener(RTCPeerConnection.TRACK, tracksAtB::add);
        a.addEventListener(RTCPeerConnection.TRACK, tracksAtA::add);
        CompletableFuture<RTCDataChannel> channelAtB = new CompletableFuture<>();
        b.addEventListener(RTCPeerConnection.DATA_CHANNEL, e -> channelAtB.complete(e.channel()));
        RTCDataChannel channelA = a.createDataChannel("chat");
        CompletableFuture<Void> openA = new CompletableFuture<>();
        channelA.addEventListener(RTCDataChannel.OPEN, e -> openA.complete(null));

        Negotiation.connect(a, b);

        RTCTrackEvent atB = tracksAtB.poll(20, TimeUnit.SECONDS);
        RTCTrackEvent atA = tracksAtA.poll(20, TimeUnit.SECONDS);
        assertThat(atB).isNotNull();
        assertThat(atA).isNotNull();
        assertThat(atB.streams()).singleElement().satisfies(s -> assertThat(s.id()).isEqualTo(camA.id()));
        assertThat(atB.streams().get(0).getTracks()).containsExactly(atB.track());
        assertThat(atB.track().kind().token()).isEqualTo("video");
        assertThat(atB.receiver()).isSameAs(atB.transceiver().receiver());

        assertFramesArrive(atB.track(), 640, 480);
        assertFramesArrive(atA.track(), 640, 480);

        RTCDataChannel channelB = await(channelAtB);
        await(openA);
        BlockingQueue<MessageEvent> atChannelB = new LinkedBlockingQueue<>();
        BlockingQueue<MessageEvent> atChannelA = new LinkedBlockingQueue<>();
        channelB.addEventListener(RTCDataChannel.MESSAGE, atChannelB::add);
        channelA.addEventListener(RTCDataChannel.MESSAGE, atChannelA::add);
        channelA.send("hello from A");
        MessageEvent text = atChannelB.poll(10, TimeUnit.SECONDS);
        assertThat(text).isNotNull();
        assertThat(text.isBinary()).isFalse();
        assertThat(text.text()).isEqualTo("hello from A");
        channelB.send(new byte[] {1, 2, 3, (byte) 0xff});
        MessageEvent binary = atChannelA.poll(10, TimeUnit.SECONDS);
        assertThat(binary).isNotNull();
        assertThat(binary.isBinary()).isTrue();
        byte[] bytes = new byte[binary.size()];
        binary.data().get(bytes);
        assertThat(bytes).containsExactly(1, 2, 3, 0xff);
        assertThat(channelB.label()).isEqualTo("chat");
    }

    private static void assertFramesArrive(MediaStreamTrack track, int width, int height) throws Exception {
        AtomicLong frames = new AtomicLong();
        AtomicInteger lastWidth = new AtomicInteger();
        AtomicInteger lastHeight = new AtomicInteger();
        org.peerstack.media.VideoSink sink = frame -> {
            frames.incrementAndGet();
            lastWidth.set(frame.width());
            lastHeight.set(frame.height());
        };
        track.addSink(sink);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline && (frames.get() < 30 || lastWidth.get() != width)) {
            Thread.sleep(50);
        }
        track.removeSink(sink);
        assertThat(frames.get()).as("decoded remote frames").isGreaterThanOrEqualTo(30);
        assertThat(lastWidth.get()).isEqualTo(width);
        assertThat(lastHeight.get()).isEqualTo(height);
        assertThat(track.isMuted()).as("a remote track with media is unmuted").isFalse();
    }

    @Test
    void sameRemoteStreamGetsAddTrackOnRenegotiationAndRemoveTrackWhenSenderIsRemoved() throws Exception {
        pair();
        MediaStream cam = camera();
        a.addTrack(cam.getVideoTracks().get(0), cam);
        BlockingQueue<RTCTrackEvent> tracks = new LinkedBlockingQueue<>();
        b.addEventListener(RTCPeerConnection.TRACK, tracks::add);
        Negotiation.connect(a, b);
        RTCTrackEvent first = tracks.poll(20, TimeUnit.SECONDS);
        assertThat(first).isNotNull();
        MediaStream remote = first.streams().get(0);
        BlockingQueue<MediaStreamTrackEvent> added = new LinkedBlockingQueue<>();
        BlockingQueue<MediaStreamTrackEvent> removed = new LinkedBlockingQueue<>();
        remote.addEventListener(MediaStream.ADD_TRACK, added::add);
        remote.addEventListener(MediaStream.REMOVE_TRACK, removed::add);

        MediaStreamTrack second = camera().getVideoTracks().get(0);
        RTCRtpSender secondSender = a.addTrack(second, cam);
        Negotiation.exchange(a, b);
        RTCTrackEvent next = tracks.poll(20, TimeUnit.SECONDS);
        assertThat(next).isNotNull();
        assertThat(next.streams()).singleElement().isSameAs(remote);
        MediaStreamTrackEvent addEvent = added.poll(10, TimeUnit.SECONDS);
        assertThat(addEvent).isNotNull();
        assertThat(addEvent.track()).isSameAs(next.track());
        assertThat(remote.getVideoTracks()).hasSize(2);

        assertFramesArrive(next.track(), 640, 480);
        CompletableFuture<Void> muted = new CompletableFuture<>();
        next.track().addEventListener(MediaStreamTrack.MUTE, e -> muted.complete(null));
        a.removeTrack(secondSender);
        Negotiation.exchange(a, b);
        MediaStreamTrackEvent removeEvent = removed.poll(10, TimeUnit.SECONDS);
        assertThat(removeEvent).isNotNull();
        assertThat(removeEvent.track()).isSameAs(next.track());
        assertThat(remote.getVideoTracks()).containsExactly(first.track());
        await(muted);
        assertThat(next.track().isMuted()).isTrue();
    }

    @Test
    void invalidRemoteSdpFailsWithATypedErrorNamingTheProblem() {
        pair();
        assertThatThrownBy(() -> await(a.setRemoteDescription(RTCSessionDescription.offer("this is not sdp"))))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(OperationException.class)
                .hasMessageContaining("setRemoteDescription");
        assertThat(a.signalingState()).isEqualTo(RTCSignalingState.STABLE);
    }

    @Test
    void answerInStableStateIsAnInvalidStateError() {
        pair();
        assertThatThrownBy(() -> await(a.setRemoteDescription(RTCSessionDescription.answer("v=0\r\n"))))
                .cause().isInstanceOfAny(InvalidStateException.class, OperationException.class);
    }

    @Test
    void malformedCandidateIsRejectedBeforeReachingLibwebrtc() {
        pair();
        assertThatThrownBy(() -> a.addIceCandidate(new RTCIceCandidate("candidate:1 one udp x 1.2.3.4 9 typ host", "0", 0)))
                .isInstanceOf(OperationException.class).hasMessageContaining("component");
        assertThatThrownBy(() -> a.addIceCandidate(new RTCIceCandidate("hello", "0", 0)))
                .isInstanceOf(OperationException.class).hasMessageContaining("candidate:");
    }

    @Test
    void candidateBeforeRemoteDescriptionIsAnInvalidStateError() {
        pair();
        RTCIceCandidate candidate = new RTCIceCandidate("candidate:1 1 udp 2122260223 127.0.1.1 50000 typ host", "0", 0);
        assertThatThrownBy(() -> await(a.addIceCandidate(candidate))).cause().isInstanceOf(InvalidStateException.class);
    }

    @Test
    void closeIsIdempotentEndsRemoteTracksAndLaterOperationsFail() throws Exception {
        pair();
        MediaStream cam = camera();
        a.addTrack(cam.getVideoTracks().get(0), cam);
        BlockingQueue<RTCTrackEvent> tracks = new LinkedBlockingQueue<>();
        b.addEventListener(RTCPeerConnection.TRACK, tracks::add);
        Negotiation.connect(a, b);
        RTCTrackEvent event = tracks.poll(20, TimeUnit.SECONDS);
        assertThat(event).isNotNull();
        b.close();
        b.close();
        assertThat(b.signalingState()).isEqualTo(RTCSignalingState.CLOSED);
        assertThat(b.connectionState()).isEqualTo(RTCPeerConnectionState.CLOSED);
        assertThat(event.track().readyState()).isEqualTo(MediaStreamTrackState.ENDED);
        assertThatThrownBy(() -> await(b.createOffer())).cause().isInstanceOf(InvalidStateException.class);
        assertThatThrownBy(() -> b.createDataChannel("late")).isInstanceOf(InvalidStateException.class);
        assertThat(rtc.engine().openConnections()).doesNotContain(b);
    }

    @Test
    void closeDuringNegotiationSettlesEveryPendingOperation() throws Exception {
        pair();
        a.addTrack(camera().getVideoTracks().get(0));
        CompletableFuture<RTCSessionDescription> offer = a.createOffer();
        CompletableFuture<Void> local = offer.thenCompose(a::setLocalDescription);
        a.close();
        try {
            local.get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(InvalidStateException.class);
        }
        assertThat(local).isDone();
    }

    @Test
    void statsReportInboundAndOutboundRtpWithW3cMembers() throws Exception {
        pair();
        MediaStream cam = camera();
        RTCRtpSender sender = a.addTrack(cam.getVideoTracks().get(0), cam);
        BlockingQueue<RTCTrackEvent> tracks = new LinkedBlockingQueue<>();
        b.addEventListener(RTCPeerConnection.TRACK, tracks::add);
        Negotiation.connect(a, b);
        RTCTrackEvent event = tracks.poll(20, TimeUnit.SECONDS);
        assertThat(event).isNotNull();
        assertFramesArrive(event.track(), 640, 480);

        RTCStatsReport atB = await(event.receiver().getStats());
        RTCStats inbound = atB.ofType("inbound-rtp").get(0);
        assertThat(inbound.number("framesDecoded")).get().satisfies(n -> assertThat(n.longValue()).isPositive());
        assertThat(inbound.timestamp()).isCloseTo(System.currentTimeMillis(), org.assertj.core.data.Offset.offset(60_000.0));
        RTCStatsReport atA = await(sender.getStats());
        assertThat(atA.ofType("outbound-rtp").get(0).number("bytesSent")).get()
                .satisfies(n -> assertThat(n.longValue()).isPositive());
        RTCStatsReport all = await(a.getStats());
        assertThat(all.ofType("candidate-pair")).isNotEmpty();
    }

    @Test
    void negotiationNeededFiresAfterAddTrackWhenStable() throws Exception {
        pair();
        CompletableFuture<Void> needed = new CompletableFuture<>();
        a.addEventListener(RTCPeerConnection.NEGOTIATION_NEEDED, e -> needed.complete(null));
        a.addTrack(camera().getVideoTracks().get(0));
        await(needed);
        assertThat(a.signalingState()).isEqualTo(RTCSignalingState.STABLE);
    }

    @Test
    void iceRestartRenegotiatesNewCredentialsAndStaysConnected() throws Exception {
        pair();
        a.createDataChannel("keep");
        Negotiation.connect(a, b);
        String before = ufrag(a.localDescription().sdp());
        a.setLocalDescription(await(a.createOffer(true))).get(20, TimeUnit.SECONDS);
        b.setRemoteDescription(a.localDescription()).get(20, TimeUnit.SECONDS);
        b.setLocalDescription().get(20, TimeUnit.SECONDS);
        a.setRemoteDescription(b.localDescription()).get(20, TimeUnit.SECONDS);
        assertThat(ufrag(a.localDescription().sdp())).isNotEqualTo(before);
        await(Negotiation.connected(a));
        assertThat(a.connectionState()).isEqualTo(RTCPeerConnectionState.CONNECTED);
    }

    private static String ufrag(String sdp) {
        return sdp.lines().filter(l -> l.startsWith("a=ice-ufrag:")).findFirst().orElseThrow();
    }

    @Test
    void unorderedUnreliableChannelCarriesItsParameters() throws Exception {
        pair();
        RTCDataChannel channel = a.createDataChannel("lossy", RTCDataChannelInit.newBuilder()
                .ordered(false).maxRetransmits(0).protocol("x-test").build());
        CompletableFuture<RTCDataChannel> remote = new CompletableFuture<>();
        b.addEventListener(RTCPeerConnection.DATA_CHANNEL, e -> remote.complete(e.channel()));
        Negotiation.connect(a, b);
        RTCDataChannel atB = await(remote);
        assertThat(atB.ordered()).isFalse();
        assertThat(atB.maxRetransmits()).isZero();
        assertThat(atB.protocol()).isEqualTo("x-test");
        assertThat(atB.maxPacketLifeTime()).isNull();
        assertThat(channel.ordered()).isFalse();
        assertThat(channel.maxRetransmits()).isZero();
        assertThat(List.of(channel.label(), atB.label())).containsOnly("lossy");
    }
}
