package org.peerstack.sfurooms;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.peerstack.config.PeerstackConfig;
import org.peerstack.media.MediaDevices;
import org.peerstack.media.MediaStream;
import org.peerstack.media.MediaStreamConstraints;
import org.peerstack.media.MediaStreamTrack;
import org.peerstack.media.MediaStreamTrackState;
import org.peerstack.media.VideoSink;
import org.peerstack.rtc.RTCConfiguration;
import org.peerstack.rtc.RTCPeerConnection;
import org.peerstack.rtc.RTCPeerConnectionState;
import org.peerstack.rtc.RTCSessionDescription;
import org.peerstack.rtc.RTCStats;
import org.peerstack.rtc.WebRtcEngine;
import org.peerstack.signaling.SignalingClient;
import org.peerstack.signaling.SignalingClientOptions;
import org.peerstack.signaling.SignalingMessage.Answer;
import org.peerstack.signaling.SignalingMessage.Bye;
import org.peerstack.signaling.SignalingMessage.ErrorMessage;
import org.peerstack.signaling.SignalingMessage.Join;
import org.peerstack.signaling.SignalingMessage.Joined;
import org.peerstack.signaling.SignalingMessage.Offer;

/**
 * A member of an SFU room as a Java application writes one with peerstack: a real {@link SignalingClient}
 * over the server's WebSocket and two real libwebrtc connections with the peer "sfu" (docs/signaling-protocol.md,
 * "SFU rooms"): it publishes a fake camera (640x480) and microphone, answers the server's offers and counts,
 * per publishing member (the offer's {@code streams}), the remote tracks and the frames it decodes.
 * Offers and answers are handled one at a time on a thread of its own.
 */
final class JavaMember implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(20);
    static final String SFU = "sfu";

    /** Publishers: fake camera and a dummy audio device (synthetic audio). One per JVM, never closed (see RealPeers in sfu/). */
    private static WebRtcEngine sendEngine;
    /** Subscribers: a headless audio device. */
    private static WebRtcEngine receiveEngine;
    private static MediaDevices devices;

    final String name;
    final SignalingClient client;
    /** The subscribe connection; replaced when "sfu" says bye (its next offer starts a new one). */
    volatile RTCPeerConnection subscriber;
    final AtomicInteger subscribeConnections = new AtomicInteger();
    final BlockingQueue<ErrorMessage> errors = new LinkedBlockingQueue<>();
    final AtomicInteger offersAnswered = new AtomicInteger();
    /** What arrived from each publishing member, by its peer id. */
    final Map<String, Received> received = new ConcurrentHashMap<>();
    private final ExecutorService negotiation;
    private volatile Map<String, String> streams = Map.of();
    private volatile boolean stopped;
    volatile Exception negotiationFailure;
    RTCPeerConnection publisher;
    MediaStream camera;
    Joined joined;

    /** What one subscriber received from one publishing member. */
    static final class Received {
        final List<MediaStreamTrack> tracks = new java.util.concurrent.CopyOnWriteArrayList<>();
        final List<MediaStream> streams = new java.util.concurrent.CopyOnWriteArrayList<>();
        final AtomicLong frames = new AtomicLong();
        final AtomicLong framesAt640x480 = new AtomicLong();
        final CompletableFuture<Void> firstFrame = new CompletableFuture<>();

        /** Completes when every track received from the member has ended. */
        CompletableFuture<Void> allEnded() {
            return CompletableFuture.allOf(tracks.stream().map(JavaMember::ended).toArray(CompletableFuture[]::new));
        }
    }

    private static synchronized void engines() {
        if (sendEngine != null) {
            return;
        }
        PeerstackConfig send = PeerstackConfig.loader().load(Optional.empty(),
                Map.of("peerstack.media.fake-devices", "true", "peerstack.webrtc.audio-mode", "dummy"), Map.of());
        PeerstackConfig receive = PeerstackConfig.loader().load(Optional.empty(),
                Map.of("peerstack.media.fake-devices", "true", "peerstack.webrtc.audio-mode", "headless"), Map.of());
        sendEngine = WebRtcEngine.create(send);
        receiveEngine = WebRtcEngine.create(receive);
        devices = MediaDevices.create(send);
    }

    JavaMember(String name, URI signaling) throws Exception {
        engines();
        this.name = name;
        this.negotiation = Executors.newSingleThreadExecutor(r -> new Thread(r, "member-" + name));
        this.client = SignalingClient.create(SignalingClientOptions.newBuilder(signaling)
                .requestTimeout(TIMEOUT).build());
        this.subscriber = newSubscriber();
        client.addEventListener(SignalingClient.OFFER, e -> answer(e.message()));
        client.addEventListener(SignalingClient.ANSWER, e -> published(e.message()));
        client.addEventListener(SignalingClient.BYE, e -> subscribeConnectionEnded(e.message()));
        client.addEventListener(SignalingClient.ERROR, e -> errors.add(e.message()));
        client.connect().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    private RTCPeerConnection newSubscriber() {
        RTCPeerConnection pc = receiveEngine.createPeerConnection(RTCConfiguration.newBuilder().build());
        subscribeConnections.incrementAndGet();
        pc.addEventListener(RTCPeerConnection.TRACK, e -> {
            for (MediaStream stream : e.streams()) {
                String publisherId = streams.get(stream.id());
                if (publisherId == null) {
                    negotiationFailure = new IllegalStateException(name + ": no publisher for stream " + stream.id()
                            + " in " + streams);
                    continue;
                }
                Received r = received.computeIfAbsent(publisherId, k -> new Received());
                r.tracks.add(e.track());
                if (!r.streams.contains(stream)) {
                    r.streams.add(stream);
                }
                if (e.track().kind().token().equals("video")) {
                    e.track().addSink((VideoSink) frame -> {
                        r.frames.incrementAndGet();
                        if (frame.width() == 640 && frame.height() == 480) {
                            r.framesAt640x480.incrementAndGet();
                        }
                        r.firstFrame.complete(null);
                    });
                }
            }
        });
        return pc;
    }

    /** {@code bye} from "sfu": the subscribe connection ended; the next offer is for a new one. */
    private void subscribeConnectionEnded(Bye bye) {
        negotiation.execute(() -> {
            if (!stopped && SFU.equals(bye.from())) {
                RTCPeerConnection old = subscriber;
                subscriber = newSubscriber();
                old.close();
            }
        });
    }

    Joined join(String room) throws Exception {
        joined = client.join(new Join(room, name, null, true)).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        return joined;
    }

    String id() {
        return joined.id();
    }

    /** Publishes the fake camera and microphone; returns when the publish connection is connected. */
    void publish() throws Exception {
        camera = devices.getUserMedia(MediaStreamConstraints.of(true, true)).get(10, TimeUnit.SECONDS);
        publisher = sendEngine.createPeerConnection(RTCConfiguration.newBuilder().build());
        for (MediaStreamTrack t : camera.getTracks()) {
            publisher.addTrack(t, camera);
        }
        CompletableFuture<Void> connected = state(publisher, RTCPeerConnectionState.CONNECTED);
        publisher.setLocalDescription().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        client.send(new Offer(SFU, null, publisher.localDescription().sdp())).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        connected.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Publishes again in a new connection after {@link #unpublish()}, the same camera and microphone. */
    void publishAgain() throws Exception {
        RTCPeerConnection old = publisher;
        publisher = sendEngine.createPeerConnection(RTCConfiguration.newBuilder().build());
        old.close();
        camera = new MediaStream(camera.getTracks());
        for (MediaStreamTrack t : camera.getTracks()) {
            publisher.addTrack(t, camera);
        }
        CompletableFuture<Void> connected = state(publisher, RTCPeerConnectionState.CONNECTED);
        publisher.setLocalDescription().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        client.send(new Offer(SFU, null, publisher.localDescription().sdp())).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        connected.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Waits for live audio and video from {@code peerId} published after its earlier tracks ended. */
    Received awaitNewMedia(String peerId) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            Received r = received.get(peerId);
            if (r != null && r.tracks.stream().filter(t -> t.readyState() == MediaStreamTrackState.LIVE).count() >= 2) {
                return r;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(name + ": no new audio + video from " + peerId + " within " + TIMEOUT
                        + ", failure " + negotiationFailure);
            }
            Thread.sleep(20);
        }
    }

    /** Stops publishing ({@code bye} to "sfu"). */
    void unpublish() throws Exception {
        client.send(new Bye(SFU, null)).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    private void published(Answer answer) {
        negotiation.execute(() -> {
            try {
                if (!stopped && SFU.equals(answer.from())) {
                    publisher.setRemoteDescription(RTCSessionDescription.answer(answer.sdp())).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                }
            } catch (Exception e) {
                negotiationFailure = e;
            }
        });
    }

    /** The subscribe connection: the server's offer, this member's answer. */
    private void answer(Offer offer) {
        negotiation.execute(() -> {
            try {
                if (stopped || !SFU.equals(offer.from())) {
                    return;
                }
                streams = offer.streams() == null ? Map.of() : offer.streams();
                subscriber.setRemoteDescription(RTCSessionDescription.offer(offer.sdp())).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                subscriber.setLocalDescription().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                client.send(new Answer(SFU, null, subscriber.localDescription().sdp())).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                offersAnswered.incrementAndGet();
            } catch (Exception e) {
                negotiationFailure = e;
            }
        });
    }

    /** The publishing member {@code peerId} as seen here, waiting until its video decodes. */
    Received awaitMedia(String peerId) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (received.get(peerId) == null || received.get(peerId).tracks.size() < 2) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(name + ": no audio + video from " + peerId + " within " + TIMEOUT
                        + "; received from " + received.keySet() + ", failure " + negotiationFailure);
            }
            Thread.sleep(20);
        }
        Received r = received.get(peerId);
        r.firstFrame.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        return r;
    }

    /** A numeric stats member summed over every stats object of {@code type} and {@code kind}. */
    static long sum(RTCPeerConnection pc, String type, String kind, String member) throws Exception {
        long total = 0;
        for (RTCStats s : pc.getStats().get(10, TimeUnit.SECONDS).ofType(type)) {
            if (kind.equals(s.string("kind").orElse(""))) {
                total += s.number(member).map(Number::longValue).orElse(0L);
            }
        }
        return total;
    }

    static CompletableFuture<Void> state(RTCPeerConnection pc, RTCPeerConnectionState wanted) {
        CompletableFuture<Void> reached = new CompletableFuture<>();
        pc.addEventListener(RTCPeerConnection.CONNECTION_STATE_CHANGE, e -> {
            if (pc.connectionState() == wanted) {
                reached.complete(null);
            }
        });
        if (pc.connectionState() == wanted) {
            reached.complete(null);
        }
        return reached;
    }

    static CompletableFuture<Void> ended(MediaStreamTrack track) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        track.addEventListener(MediaStreamTrack.ENDED, e -> f.complete(null));
        if (track.readyState() == MediaStreamTrackState.ENDED) {
            f.complete(null);
        }
        return f;
    }

    /**
     * Stops negotiating first (a setRemoteDescription completing on a closed connection crashed
     * peerstack-core 0.1.0), then closes the signaling client and both connections.
     */
    @Override
    public void close() throws Exception {
        stopped = true;
        negotiation.shutdown();
        negotiation.awaitTermination(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        client.close();
        subscriber.close();
        if (publisher != null) {
            publisher.close();
        }
        if (camera != null) {
            camera.getTracks().forEach(MediaStreamTrack::stop);
        }
    }
}
