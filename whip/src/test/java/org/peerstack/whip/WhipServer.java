package org.peerstack.whip;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
import org.peerstack.signaling.RoomToken;
import org.peerstack.signaling.server.SignalingServer;
import org.peerstack.signaling.server.SignalingServerConfig;
import org.peerstack.testing.TestPeers;

/**
 * A real signaling server with its SFU and WHIP/WHEP enabled, room tokens required, inside the test's
 * network namespace (tools/netns/bin/java: libwebrtc ignores loopback, so everything uses the veth
 * address 127.0.1.1), plus real libwebrtc peers: one engine with fake camera and dummy (synthetic)
 * microphone for publishers, one with a headless audio device for players.
 */
final class WhipServer implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

    static final Duration TIMEOUT = Duration.ofSeconds(20);
    static final String ADDRESS = "127.0.1.1";
    static final String SECRET = "whip-test-secret-of-at-least-32-bytes!";
    static final String STUN = "stun:stun.example.org:3478";
    /** sfu.connect-timeout-ms of the test server. */
    static final long CONNECT_TIMEOUT_MS = 4_000;

    private SignalingServer server;
    private TestPeers peers;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        Path yaml = Files.createTempFile("whip-test", ".yaml");
        Files.writeString(yaml, String.join("\n",
                "server: {host: " + ADDRESS + ", port: 0}",
                "auth: {secret: \"" + SECRET + "\"}",
                "http: {static-dir: \"\", ice-servers: [{urls: [\"" + STUN + "\"]}]}",
                "sfu: {enabled: true, bind-address: " + ADDRESS + ", port: 0, retry-after-seconds: 1,"
                        + " connect-timeout-ms: " + CONNECT_TIMEOUT_MS + "}",
                ""), StandardCharsets.UTF_8);
        server = SignalingServer.start(SignalingServerConfig.load(yaml));
        Files.delete(yaml);
        peers = TestPeers.create();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        peers.closeAfterTest();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        server.close();
        peers.close();
    }

    SignalingServer server() {
        return server;
    }

    URI whip(String stream) {
        return server.httpUri().resolve("/whip/" + stream);
    }

    URI whep(String stream) {
        return server.httpUri().resolve("/whep/" + stream);
    }

    static String token(String stream) {
        return new RoomToken(stream, Instant.now().plusSeconds(600)).sign(SECRET.getBytes(StandardCharsets.UTF_8));
    }

    <T extends AutoCloseable> T closeAfter(T c) {
        return peers.closeAfter(c);
    }

    RTCPeerConnection connection(boolean sending) {
        return peers.connection(sending);
    }

    /** A connection sending the fake camera and microphone (not yet negotiated). */
    RTCPeerConnection cameraAndMicrophone() throws Exception {
        RTCPeerConnection pc = connection(true);
        MediaStream stream = peers.devices().getUserMedia(MediaStreamConstraints.of(true, true)).get(10, TimeUnit.SECONDS);
        for (MediaStreamTrack t : stream.getTracks()) {
            pc.addTrack(t, stream);
        }
        return pc;
    }

    /** A player's connection that counts decoded video frames. */
    Player player() {
        RTCPeerConnection pc = connection(false);
        Player p = new Player(pc);
        pc.addEventListener(RTCPeerConnection.TRACK, e -> p.attach(e.track()));
        return p;
    }

    /** A numeric member of the first stats object of {@code type} and {@code kind} (0 when absent). */
    static long stat(RTCPeerConnection pc, String type, String kind, String member) throws Exception {
        for (org.peerstack.rtc.RTCStats s : pc.getStats().get(10, TimeUnit.SECONDS).ofType(type)) {
            if (kind.equals(s.string("kind").orElse("")) && s.number(member).isPresent()) {
                return s.number(member).map(Number::longValue).orElse(0L);
            }
        }
        return 0;
    }

    /** Plays {@code stream}, retrying while the server says 409 (nothing published yet), up to TIMEOUT. */
    WhepClient playWhenPublished(Player player, String stream) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            try {
                return closeAfter(WhepClient.play(player.pc, whep(stream), token(stream)).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
            } catch (java.util.concurrent.ExecutionException e) {
                if (!(e.getCause() instanceof WhipHttpException w) || w.status() != 409 || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    /** Counts what a player decodes. */
    static final class Player {
        final RTCPeerConnection pc;
        final AtomicLong frames = new AtomicLong();
        final List<MediaStreamTrack> tracks = new java.util.concurrent.CopyOnWriteArrayList<>();
        final CompletableFuture<Void> firstFrame = new CompletableFuture<>();
        volatile int width;
        volatile int height;

        Player(RTCPeerConnection pc) {
            this.pc = pc;
        }

        void attach(MediaStreamTrack track) {
            tracks.add(track);
            if (track.kind().token().equals("video")) {
                track.addSink((VideoSink) frame -> {
                    width = frame.width();
                    height = frame.height();
                    frames.incrementAndGet();
                    firstFrame.complete(null);
                });
            }
        }

        /** Frames decoded during {@code millis} from now. */
        long framesDuring(long millis) throws InterruptedException {
            long before = frames.get();
            Thread.sleep(millis);
            return frames.get() - before;
        }
    }
}
