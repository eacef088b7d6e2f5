package org.peerstack.internal.baseline;

import dev.onvoid.webrtc.CreateSessionDescriptionObserver;
import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.PortAllocatorConfig;
import dev.onvoid.webrtc.RTCAnswerOptions;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCDataChannel;
import dev.onvoid.webrtc.RTCDataChannelBuffer;
import dev.onvoid.webrtc.RTCDataChannelInit;
import dev.onvoid.webrtc.RTCDataChannelObserver;
import dev.onvoid.webrtc.RTCDataChannelState;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCOfferOptions;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.RTCRtpSender;
import dev.onvoid.webrtc.RTCRtpTransceiver;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.SetSessionDescriptionObserver;
import dev.onvoid.webrtc.media.MediaStreamTrack;
import dev.onvoid.webrtc.media.video.CustomVideoSource;
import dev.onvoid.webrtc.media.video.VideoTrack;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Two raw webrtc-java peer connections in one process, connected to each other: the baseline that
 * peerstack's own layers are measured against, and the smoke call that proves a machine can connect.
 *
 * <p>Peer A sends a synthetic video track (optional) and opens a data channel (optional); peer B
 * receives. Offer/answer and trickle ICE are exchanged directly in memory. Every webrtc-java call is
 * made from one private signalling thread of this object, never from a libwebrtc callback, and ICE
 * candidates that arrive before the remote description is set are held back until it is.
 *
 * <p>{@link #close()} tears down in the order libwebrtc requires (sinks, data channels, senders,
 * connections, tracks, sources); the factory stays the caller's.
 */
public final class RawLoopbackCall implements AutoCloseable {

    /**
     * @param width   video width in pixels (even)
     * @param height  video height in pixels (even)
     * @param fps     frames per second pushed by peer A
     * @param video   whether peer A sends video
     * @param dataChannel whether peer A opens a data channel that peer B echoes
     * @param minPort lowest ICE UDP port, 0 = any
     * @param maxPort highest ICE UDP port, 0 = any
     */
    public record Options(int width, int height, int fps, boolean video, boolean dataChannel, int minPort, int maxPort) {
        public static Options videoAndData(int width, int height, int fps) {
            return new Options(width, height, fps, true, true, 0, 0);
        }
    }

    private final PeerConnectionFactory factory;
    private final Options options;
    private final ExecutorService signalling = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "peerstack-raw-call-signalling");
        t.setDaemon(true);
        return t;
    });
    private final Peer a = new Peer("A");
    private final Peer b = new Peer("B");
    private final VideoStats received = new VideoStats();
    private final CompletableFuture<Void> dataChannelOpen = new CompletableFuture<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile CompletableFuture<String> pendingEcho;
    private CustomVideoSource videoSource;
    private VideoTrack videoTrack;
    private SyntheticVideoFeed feed;
    private RTCRtpSender videoSender;
    private RTCDataChannel channelA;
    private volatile RTCDataChannel channelB;
    private volatile VideoTrack remoteVideo;
    private long offerStartedNanos;

    public RawLoopbackCall(PeerConnectionFactory factory, Options options) {
        this.factory = factory;
        this.options = options;
    }

    /** Starts the offer/answer exchange; completes with createOffer→connected time when both sides are connected. */
    public CompletableFuture<Duration> connect() {
        CompletableFuture<Duration> connected = CompletableFuture.allOf(a.connected, b.connected)
                .thenApply(v -> Duration.ofNanos(Math.max(a.connectedAtNanos, b.connectedAtNanos) - offerStartedNanos));
        signalling.execute(() -> {
            try {
                setUp();
                offerStartedNanos = System.nanoTime();
                a.pc.createOffer(new RTCOfferOptions(), a.describe(offer -> {
                    a.pc.setLocalDescription(offer, a.afterSet(() ->
                            b.pc.setRemoteDescription(offer, b.afterSet(() -> {
                                b.remoteDescriptionSet();
                                b.pc.createAnswer(new RTCAnswerOptions(), b.describe(answer ->
                                        b.pc.setLocalDescription(answer, b.afterSet(() ->
                                                a.pc.setRemoteDescription(answer, a.afterSet(a::remoteDescriptionSet))))));
                            }))));
                }));
            } catch (RuntimeException | Error e) {
                a.connected.completeExceptionally(e);
            }
        });
        return connected;
    }

    private void setUp() {
        RTCConfiguration config = new RTCConfiguration();
        if (options.minPort() > 0) {
            config.portAllocatorConfig = new PortAllocatorConfig(options.minPort(), options.maxPort(), 0);
        }
        a.pc = factory.createPeerConnection(config, a.observer(b));
        b.pc = factory.createPeerConnection(config, b.observer(a));
        if (options.video()) {
            videoSource = new CustomVideoSource();
            videoTrack = factory.createVideoTrack("synthetic-video", videoSource);
            videoSender = a.pc.addTrack(videoTrack, List.of("synthetic-stream"));
            feed = new SyntheticVideoFeed(videoSource, options.width(), options.height(), options.fps());
        }
        if (options.dataChannel()) {
            channelA = a.pc.createDataChannel("smoke", new RTCDataChannelInit());
            channelA.registerObserver(new ChannelObserver(() -> channelA, this::onEchoReply, true));
        }
    }

    /** What peer B has decoded so far. */
    public VideoStats receivedVideo() {
        return received;
    }

    /** Frames peer A has pushed into its video source so far. */
    public long framesSent() {
        return feed == null ? 0 : feed.framesPushed();
    }

    /** Sends {@code text} from A to B, which echoes it; completes with the round-trip time. */
    public CompletableFuture<Duration> dataChannelRoundTrip(String text) {
        return dataChannelOpen.thenCompose(v -> {
            CompletableFuture<String> reply = new CompletableFuture<>();
            pendingEcho = reply;
            long start = System.nanoTime();
            CompletableFuture<Duration> rtt = reply.thenApply(echoed -> {
                if (!echoed.equals(text)) {
                    throw new IllegalStateException("echo mismatch: sent '" + text + "', got '" + echoed + "'");
                }
                return Duration.ofNanos(System.nanoTime() - start);
            });
            signalling.execute(() -> send(channelA, text, reply));
            return rtt;
        });
    }

    /** Runs {@code task} on the signalling thread unless the call is closed (then it is dropped). */
    private void onSignalling(Runnable task) {
        if (closed.get()) {
            return;
        }
        try {
            signalling.execute(() -> {
                if (!closed.get()) {
                    task.run();
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closed concurrently: nothing left to do
        }
    }

    private void onEchoReply(String text) {
        CompletableFuture<String> reply = pendingEcho;
        if (reply != null) {
            reply.complete(text);
        }
    }

    private static void send(RTCDataChannel channel, String text, CompletableFuture<?> onError) {
        try {
            channel.send(new RTCDataChannelBuffer(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), false));
        } catch (Exception e) {
            onError.completeExceptionally(e);
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        CompletableFuture<Void> done = CompletableFuture.runAsync(this::tearDown, signalling);
        try {
            done.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("raw call teardown failed", e);
        } finally {
            signalling.shutdownNow();
        }
    }

    private void tearDown() {
        if (feed != null) {
            feed.close();
        }
        VideoTrack remote = remoteVideo;
        if (remote != null) {
            remote.removeSink(received);
        }
        for (RTCDataChannel channel : new RTCDataChannel[] {channelA, channelB}) {
            if (channel != null) {
                channel.unregisterObserver();
                channel.close();
                channel.dispose();
            }
        }
        if (videoSender != null) {
            a.pc.removeTrack(videoSender);
        }
        for (Peer peer : List.of(a, b)) {
            if (peer.pc != null) {
                peer.pc.close();
            }
        }
        if (videoTrack != null) {
            videoTrack.dispose();
        }
        if (videoSource != null) {
            videoSource.dispose();
        }
    }

    /** One side of the call. */
    private final class Peer {
        final String name;
        final CompletableFuture<Void> connected = new CompletableFuture<>();
        final List<RTCIceCandidate> early = new ArrayList<>();
        volatile long connectedAtNanos;
        RTCPeerConnection pc;
        boolean remoteSet;

        Peer(String name) {
            this.name = name;
        }

        PeerConnectionObserver observer(Peer other) {
            return new PeerConnectionObserver() {
                @Override
                public void onIceCandidate(RTCIceCandidate candidate) {
                    onSignalling(() -> other.addCandidate(candidate));
                }

                @Override
                public void onConnectionChange(RTCPeerConnectionState state) {
                    if (state == RTCPeerConnectionState.CONNECTED) {
                        connectedAtNanos = System.nanoTime();
                        connected.complete(null);
                    } else if (state == RTCPeerConnectionState.FAILED) {
                        connected.completeExceptionally(new IllegalStateException("peer " + name + " failed to connect"));
                    }
                }

                @Override
                public void onTrack(RTCRtpTransceiver transceiver) {
                    MediaStreamTrack track = transceiver.getReceiver().getTrack();
                    if (track instanceof VideoTrack video) {
                        remoteVideo = video;
                        video.addSink(received);
                    }
                }

                @Override
                public void onDataChannel(RTCDataChannel channel) {
                    channelB = channel;
                    channel.registerObserver(new ChannelObserver(() -> channel, text -> onSignalling(
                            () -> send(channel, text, new CompletableFuture<>())), false));
                }
            };
        }

        void addCandidate(RTCIceCandidate candidate) {
            if (closed.get()) {
                return;
            }
            if (remoteSet) {
                pc.addIceCandidate(candidate);
            } else {
                early.add(candidate);
            }
        }

        /** Runs on the signalling thread, right after the remote description was applied. */
        void remoteDescriptionSet() {
            remoteSet = true;
            early.forEach(pc::addIceCandidate);
            early.clear();
        }

        CreateSessionDescriptionObserver describe(Consumer<RTCSessionDescription> next) {
            return new CreateSessionDescriptionObserver() {
                @Override
                public void onSuccess(RTCSessionDescription description) {
                    onSignalling(() -> next.accept(description));
                }

                @Override
                public void onFailure(String error) {
                    connected.completeExceptionally(new IllegalStateException("peer " + name + ": " + error));
                }
            };
        }

        SetSessionDescriptionObserver afterSet(Runnable next) {
            return new SetSessionDescriptionObserver() {
                @Override
                public void onSuccess() {
                    onSignalling(next);
                }

                @Override
                public void onFailure(String error) {
                    connected.completeExceptionally(new IllegalStateException("peer " + name + ": " + error));
                }
            };
        }
    }

    /** Data-channel observer; the opener (A) completes {@link #dataChannelOpen}, the other side echoes. */
    private final class ChannelObserver implements RTCDataChannelObserver {
        private final java.util.function.Supplier<RTCDataChannel> channel;
        private final Consumer<String> onText;
        private final boolean opener;

        ChannelObserver(java.util.function.Supplier<RTCDataChannel> channel, Consumer<String> onText, boolean opener) {
            this.channel = channel;
            this.onText = onText;
            this.opener = opener;
        }

        @Override
        public void onBufferedAmountChange(long previousAmount) {
        }

        @Override
        public void onStateChange() {
            if (opener && channel.get().getState() == RTCDataChannelState.OPEN) {
                dataChannelOpen.complete(null);
            }
        }

        @Override
        public void onMessage(RTCDataChannelBuffer buffer) {
            ByteBuffer data = buffer.data;
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            onText.accept(new String(bytes, StandardCharsets.UTF_8));
        }
    }
}
