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
import org.peerstack.rtc.PerfectNegotiation;
import org.peerstack.rtc.RTCConfiguration;
import org.peerstack.rtc.RTCPeerConnection;
import org.peerstack.rtc.RTCPeerConnectionState;
import org.peerstack.rtc.RTCRtpTransceiverDirection;
import org.peerstack.rtc.RTCSdpType;
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
 * over the server's WebSocket and ONE real libwebrtc connection with the peer "sfu" (docs/signaling-protocol.md,
 * "SFU rooms"), negotiated with W3C perfect negotiation as the polite peer ({@link PerfectNegotiation}): it
 * publishes a fake camera (640x480) and microphone on sendonly transceivers, answers the server's offers
 * and counts, per publishing member (the offers' {@code streams}), the remote tracks and the frames it
 * decodes. A "bye" from "sfu" (after its own bye, or when the server closed the connection) starts a new
 * connection.
 */
final class JavaMember implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(20);
    static final String SFU = "sfu";

    /** Members: fake camera and a dummy audio device (synthetic audio; received audio is counted, not decoded). */
    private static WebRtcEngine sendEngine;
    private static MediaDevices devices;

    final String name;
    final SignalingClient client;
    /** The connection with the SFU (publish and receive); replaced after a bye from "sfu". */
    volatile RTCPeerConnection subscriber;
    /** Connections made (one per bye from "sfu" more). */
    final AtomicInteger subscribeConnections = new AtomicInteger();
    final BlockingQueue<ErrorMessage> errors = new LinkedBlockingQueue<>();
    final AtomicInteger offersAnswered = new AtomicInteger();
    /** Offers this member made. */
    final AtomicInteger offersMade = new AtomicInteger();
    /** What arrived from each publishing member, by its peer id. */
    final Map<String, Received> received = new ConcurrentHashMap<>();
    private final ExecutorService negotiation;
    private volatile PerfectNegotiation perfect;
    private volatile Map<String, String> streams = Map.of();
    /** The SDP of the last offer from "sfu". */
    volatile String lastOffer;
    private volatile boolean stopped;
    volatile Exception negotiationFailure;
    /** The same connection as {@link #subscriber} (for stats of what it sends). */
    volatile RTCPeerConnection publisher;
    MediaStream camera;
    Joined joined;

    /** What one member received from one publishing member. */
    static final class Received {
        final List<MediaStreamTrack> tracks = new java.util.concurrent.CopyOnWriteArrayList<>();
        final List<MediaStream> streams = new java.util.concurrent.CopyOnWriteArrayList<>();
        final List<CompletableFuture<Void>> gone = new java.util.concurrent.CopyOnWriteArrayList<>();
        final AtomicLong frames = new AtomicLong();
        final AtomicLong framesAt640x480 = new AtomicLong();
        /** The size of the last frame decoded, "WxH" (for failure messages). */
        volatile String lastSize = "none";
        final CompletableFuture<Void> firstFrame = new CompletableFuture<>();

        /**
         * Completes when every track received from the member has gone: removed from its stream and muted
         * (W3C "process the removal of a remote track": the SFU's m-line went inactive) or ended.
         */
        CompletableFuture<Void> allEnded() {
            return CompletableFuture.allOf(gone.toArray(CompletableFuture[]::new));
        }
    }

    private static synchronized void engines() {
        if (sendEngine != null) {
            return;
        }
        PeerstackConfig send = PeerstackConfig.loader().load(Optional.empty(),
                Map.of("peerstack.media.fake-devices", "true", "peerstack.webrtc.audio-mode", "dummy"), Map.of());
        sendEngine = WebRtcEngine.create(send);
        devices = MediaDevices.create(send);
    }

    JavaMember(String name, URI signaling) throws Exception {
        engines();
        this.name = name;
        this.negotiation = Executors.newSingleThreadExecutor(r -> new Thread(r, "member-" + name));
        this.client = SignalingClient.create(SignalingClientOptions.newBuilder(signaling)
                .requestTimeout(TIMEOUT).build());
        newConnection();
        client.addEventListener(SignalingClient.OFFER, e -> answer(e.message()));
        client.addEventListener(SignalingClient.ANSWER, e -> published(e.message()));
        client.addEventListener(SignalingClient.BYE, e -> connectionEnded(e.message()));
        client.addEventListener(SignalingClient.ERROR, e -> errors.add(e.message()));
        client.connect().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    private void newConnection() {
        RTCPeerConnection pc = sendEngine.createPeerConnection(RTCConfiguration.newBuilder().build());
        subscribeConnections.incrementAndGet();
        perfect = PerfectNegotiation.attach(pc, true, d -> {
            if (d.type() == RTCSdpType.OFFER) {
                offersMade.incrementAndGet();
            }
            client.send(d.type() == RTCSdpType.OFFER ? new Offer(SFU, null, d.sdp()) : new Answer(SFU, null, d.sdp()))
                    .exceptionally(e -> null);
        }, candidate -> {
            // the SFU is ICE-lite
        });
        pc.addEventListener(RTCPeerConnection.TRACK, e -> {
            for (MediaStream stream : e.streams()) {
                String publisherId = streams.get(stream.id());
                if (publisherId == null) {
                    negotiationFailure = new IllegalStateException(name + ": no publisher for stream " + stream.id()
                            + " in " + streams);
                    continue;
                }
                Received r = received.computeIfAbsent(publisherId, k -> new Received());
                MediaStreamTrack track = e.track();
                r.tracks.add(track);
                CompletableFuture<Void> gone = ended(track);
                stream.addEventListener(MediaStream.REMOVE_TRACK, ev -> {
                    if (ev.track() == track) {
                        gone.complete(null);
                    }
                });
                r.gone.add(gone);
                if (!r.streams.contains(stream)) {
                    r.streams.add(stream);
                }
                if (track.kind().token().equals("video")) {
                    track.addSink((VideoSink) frame -> {
                        if (gone.isDone()) {
                            return; // counted for the publisher it carries now
                        }
                        r.frames.incrementAndGet();
                        r.lastSize = frame.width() + "x" + frame.height();
                        if (frame.width() == 640 && frame.height() == 480) {
                            r.framesAt640x480.incrementAndGet();
                        }
                        r.firstFrame.complete(null);
                    });
                }
            }
        });
        subscriber = pc;
        publisher = pc;
    }

    /** {@code bye} from "sfu": the connection ended; a new one starts (publishing again what was published). */
    private void connectionEnded(Bye bye) {
        negotiation.execute(() -> {
            if (!stopped && SFU.equals(bye.from())) {
                RTCPeerConnection old = subscriber;
                newConnection();
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

    /** Publishes the fake camera and microphone on the connection; returns when it is connected. */
    void publish() throws Exception {
        camera = devices.getUserMedia(MediaStreamConstraints.of(true, true)).get(10, TimeUnit.SECONDS);
        send(camera);
    }

    /**
     * Publishes a {@code width x height} fake camera at {@code fps} (video only) in three simulcast layers:
     * send encodings with {@code scaleResolutionDownBy} 4, 2, 1 (libwebrtc names them "0", "1", "2").
     */
    void publishSimulcast(int width, int height, int fps) throws Exception {
        camera = devices.getUserMedia(MediaStreamConstraints.newBuilder().video(org.peerstack.media.MediaTrackConstraints
                .newBuilder().width(width).height(height).frameRate(fps).build()).build()).get(10, TimeUnit.SECONDS);
        List<org.peerstack.rtc.RTCRtpEncodingParameters> layers = List.of(
                new org.peerstack.rtc.RTCRtpEncodingParameters(true, null, null, 4.0),
                new org.peerstack.rtc.RTCRtpEncodingParameters(true, null, null, 2.0),
                new org.peerstack.rtc.RTCRtpEncodingParameters(true, null, null, 1.0));
        RTCPeerConnection pc = subscriber;
        CompletableFuture<Void> connected = state(pc, RTCPeerConnectionState.CONNECTED);
        pc.addTransceiver(camera.getVideoTracks().get(0), org.peerstack.rtc.RTCRtpTransceiverInit
                .of(RTCRtpTransceiverDirection.SENDONLY, camera).withSendEncodings(layers));
        connected.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Publishes again after {@link #unpublish()} (on the new connection), the same camera and microphone. */
    void publishAgain() throws Exception {
        camera = new MediaStream(camera.getTracks());
        send(camera);
    }

    private void send(MediaStream stream) throws Exception {
        RTCPeerConnection pc = subscriber;
        CompletableFuture<Void> connected = state(pc, RTCPeerConnectionState.CONNECTED);
        // sendonly transceivers of our own: addTrack would reuse an m-line we receive someone on
        pc.batch(() -> stream.getTracks().forEach(t -> pc.addTransceiver(t, RTCRtpTransceiverDirection.SENDONLY, stream)));
        connected.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Waits for live audio and video from {@code peerId} published after its earlier tracks ended. */
    Received awaitNewMedia(String peerId) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            Received r = received.get(peerId);
            if (r != null && r.gone.stream().filter(g -> !g.isDone()).count() >= 2) {
                return r;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(name + ": no new audio + video from " + peerId + " within " + TIMEOUT
                        + ", failure " + negotiationFailure);
            }
            Thread.sleep(20);
        }
    }

    /** Stops publishing: {@code bye} to "sfu" (the connection closes; a new one follows the bye back). */
    void unpublish() throws Exception {
        client.send(new Bye(SFU, null)).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    private void published(Answer answer) {
        negotiation.execute(() -> {
            try {
                if (!stopped && SFU.equals(answer.from())) {
                    perfect.onRemoteDescription(RTCSessionDescription.answer(answer.sdp())).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                }
            } catch (Exception e) {
                negotiationFailure = e;
            }
        });
    }

    /** The server's offer (rolling back an offer of ours), answered through the negotiation. */
    private void answer(Offer offer) {
        negotiation.execute(() -> {
            try {
                if (stopped || !SFU.equals(offer.from())) {
                    return;
                }
                streams = offer.streams() == null ? Map.of() : offer.streams();
                lastOffer = offer.sdp();
                perfect.onRemoteDescription(RTCSessionDescription.offer(offer.sdp())).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                offersAnswered.incrementAndGet();
            } catch (Exception e) {
                negotiationFailure = e;
            }
        });
    }

    /**
     * The track ids ({@code a=msid}, second token) of the video m-lines in the last offer from "sfu" that carry
     * a stream of member {@code peerId}: how this member names those tracks in {@code max-resolution}.
     */
    List<String> videoTrackIds(String peerId) {
        List<String> ids = new java.util.ArrayList<>();
        boolean video = false;
        for (String line : lastOffer.split("\r\n")) {
            if (line.startsWith("m=")) {
                video = line.startsWith("m=video");
            } else if (video && line.startsWith("a=msid:")) {
                String[] msid = line.substring("a=msid:".length()).trim().split(" ");
                if (msid.length == 2 && peerId.equals(streams.get(msid[0]))) {
                    ids.add(msid[1]);
                }
            }
        }
        return ids;
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
        return org.peerstack.testing.TestPeers.state(pc, wanted);
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
        if (camera != null) {
            camera.getTracks().forEach(MediaStreamTrack::stop);
        }
    }
}
