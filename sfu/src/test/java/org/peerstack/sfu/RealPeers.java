package org.peerstack.sfu;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.peerstack.media.MediaStream;
import org.peerstack.media.MediaStreamConstraints;
import org.peerstack.media.MediaStreamTrack;
import org.peerstack.media.VideoSink;
import org.peerstack.rtc.RTCPeerConnection;
import org.peerstack.rtc.RTCPeerConnectionState;
import org.peerstack.rtc.RTCSessionDescription;
import org.peerstack.rtc.RTCStats;
import org.peerstack.testing.TestPeers;

/**
 * Real libwebrtc peers (peerstack-core's RTCPeerConnection, test scope only) talking to an
 * {@link SfuServer} inside the test's network namespace: one engine with fake camera/microphone and a
 * headless audio device (remote audio is decoded), one SFU bound to the namespace's veth address.
 * Register as a static extension; connections and the SFU close after each test / the class.
 */
final class RealPeers implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

    static final Duration TIMEOUT = Duration.ofSeconds(20);
    /** The namespace's veth address (tools/netns/bin/java); libwebrtc ignores loopback. */
    static final String ADDRESS = "127.0.1.1";

    private final List<Subscriber> subscribers = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** The engines (publishers send synthetic audio through a dummy audio device, subscribers have a headless one). One per JVM. */
    private static TestPeers peers;

    @Override
    public void beforeAll(ExtensionContext context) {
        engines();
    }

    /**
     * The engines and devices, made once per test JVM and never closed (the fork exits after the tests):
     * creating and disposing webrtc-java factories class after class coincided with a native crash.
     */
    private static synchronized void engines() {
        if (peers != null) {
            return;
        }
        // Two engines (see TestPeers). With two factories in one process the headless one decodes nothing (no
        // sink call, totalAudioEnergy 0), so audio is checked by what arrives (see ForwardingTest), not by its level.
        peers = TestPeers.create();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        // No renegotiation while tearing down: peerstack-core 0.1.0 crashes the JVM when a
        // setRemoteDescription completes on a connection that close() has already disposed.
        subscribers.forEach(s -> s.stopped = true);
        subscribers.clear();
        // the SFUs, then subscribers (newest first), the publisher last
        peers.closeAfterTest();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        // engines stay for the next test class (see engines())
    }

    /** An SFU on the namespace's veth address, closed after the test. */
    SfuServer sfu(SfuConfig.Builder config) {
        return peers.closeAfter(SfuServer.start(config.bindAddress(ADDRESS).port(0).announcedAddress(ADDRESS).build()));
    }

    SfuServer sfu() {
        return sfu(SfuConfig.newBuilder());
    }

    RTCPeerConnection connection(boolean sending) {
        return peers.connection(sending);
    }

    MediaStream cameraAndMicrophone() throws Exception {
        return peers.devices().getUserMedia(MediaStreamConstraints.of(true, true)).get(10, TimeUnit.SECONDS);
    }

    /** A fake camera stream of {@code width x height}. */
    MediaStream camera(int width, int height) throws Exception {
        return peers.devices().getUserMedia(MediaStreamConstraints.newBuilder()
                .video(org.peerstack.media.MediaTrackConstraints.newBuilder().width(width).height(height).build()).build())
                .get(10, TimeUnit.SECONDS);
    }

    /** A libwebrtc publisher of a fake camera and microphone, connected to {@code room}. */
    Publisher publish(SfuRoom room) throws Exception {
        RTCPeerConnection pc = connection(true);
        MediaStream stream = cameraAndMicrophone();
        for (MediaStreamTrack t : stream.getTracks()) {
            pc.addTrack(t, stream);
        }
        CompletableFuture<Void> connected = TestPeers.state(pc, RTCPeerConnectionState.CONNECTED);
        pc.setLocalDescription().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        SfuPublisher publisher = room.publish(pc.localDescription().sdp()).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        pc.setRemoteDescription(RTCSessionDescription.answer(publisher.answer())).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        try {
            connected.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("publisher not connected; offer:\n" + pc.localDescription().sdp() + "\nanswer:\n"
                    + publisher.answer() + "\nstate " + pc.connectionState() + ", " + pc.iceConnectionState(), e);
        }
        return new Publisher(pc, publisher, stream);
    }

    /** A libwebrtc subscriber of {@code room}, connected, renegotiating whenever the SFU asks. */
    Subscriber subscribe(SfuRoom room) throws Exception {
        RTCPeerConnection pc = connection(false);
        Subscriber s = new Subscriber(pc);
        subscribers.add(s);
        pc.addEventListener(RTCPeerConnection.TRACK, e -> s.attach(e.track()));
        SfuSubscriber sub = room.subscribe().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        s.sfu = sub;
        CompletableFuture<Void> connected = TestPeers.state(pc, RTCPeerConnectionState.CONNECTED);
        s.negotiate();
        sub.addEventListener(SfuSubscriber.NEGOTIATION_NEEDED, e -> {
            try {
                s.negotiate();
            } catch (Exception ex) {
                s.negotiationFailure = ex;
            }
        });
        connected.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        s.connectedNanos = System.nanoTime();
        return s;
    }

    /** A member of the outbound-rtp video stats of {@code pc}. */
    static long outboundVideo(RTCPeerConnection pc, String member) throws Exception {
        return number(pc, "outbound-rtp", "video", member);
    }

    /** A numeric member of the first stats object of {@code type} and {@code kind} (0 when absent). */
    static long number(RTCPeerConnection pc, String type, String kind, String member) throws Exception {
        for (RTCStats s : pc.getStats().get(10, TimeUnit.SECONDS).ofType(type)) {
            if (kind.equals(s.string("kind").orElse("")) && s.number(member).isPresent()) {
                return s.number(member).map(Number::longValue).orElse(0L);
            }
        }
        return 0;
    }

    /** One member of the first stats object of {@code type} and {@code kind}, for messages. */
    static String stat(RTCPeerConnection pc, String type, String kind, String member) {
        try {
            for (RTCStats s : pc.getStats().get(10, TimeUnit.SECONDS).ofType(type)) {
                if (kind.equals(s.string("kind").orElse(""))) {
                    return member + "=" + s.members().get(member);
                }
            }
        } catch (Exception e) {
            return member + "=?";
        }
        return member + "=none";
    }

    record Publisher(RTCPeerConnection pc, SfuPublisher sfu, MediaStream stream) {
    }

    /** Counts what a subscriber decodes. */
    static final class Subscriber {
        final RTCPeerConnection pc;
        SfuSubscriber sfu;
        volatile Exception negotiationFailure;
        /** Set at teardown: negotiation requests are ignored from then on. */
        volatile boolean stopped;
        volatile long connectedNanos;
        final AtomicLong frames = new AtomicLong();
        final AtomicLong framesAt640x480 = new AtomicLong();
        final CompletableFuture<Long> firstFrameNanos = new CompletableFuture<>();
        final List<MediaStreamTrack> tracks = new java.util.concurrent.CopyOnWriteArrayList<>();
        volatile int lastWidth;
        volatile int lastHeight;

        Subscriber(RTCPeerConnection pc) {
            this.pc = pc;
        }

        synchronized void negotiate() throws Exception {
            if (stopped || pc.isClosed()) {
                return;
            }
            String offer = sfu.createOffer().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            pc.setRemoteDescription(RTCSessionDescription.offer(offer)).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            pc.setLocalDescription().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            try {
                sfu.setAnswer(pc.localDescription().sdp()).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                // An offer that ends every track rejects every m-line: libwebrtc then closes the transport
                // (DTLS close_notify) while it applies the answer, and the SFU may close this subscriber
                // before the answer reaches it. That ending is legitimate; any other failure is not.
                String reason = sfu.closed().getNow(null);
                if (reason == null || !reason.contains("remote closed DTLS") || offer.contains("a=sendonly")) {
                    throw e;
                }
            }
        }

        void attach(MediaStreamTrack track) {
            tracks.add(track);
            if (track.kind().token().equals("video")) {
                track.addSink((VideoSink) frame -> {
                    frames.incrementAndGet();
                    lastWidth = frame.width();
                    lastHeight = frame.height();
                    if (frame.width() == 640 && frame.height() == 480) {
                        framesAt640x480.incrementAndGet();
                    }
                    firstFrameNanos.complete(System.nanoTime());
                });
            }
        }
    }
}
