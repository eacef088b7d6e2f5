package org.peerstack.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.peerstack.config.PeerstackConfig;
import org.peerstack.media.MediaDevices;
import org.peerstack.media.MediaStream;
import org.peerstack.media.MediaStreamConstraints;
import org.peerstack.media.MediaStreamTrack;
import org.peerstack.rtc.WebRtcEngine;
import org.peerstack.signaling.server.SignalingServer;
import org.peerstack.signaling.server.SignalingServerConfig;

/**
 * A user's project can depend on the installed peerstack artifacts and run a real call: two
 * {@link HelloBot}s meet in a room of an embedded signaling server; alice sends her (fake) camera,
 * bob receives its frames, and both greet each other over a data channel.
 */
@Timeout(120)
class HelloBotTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Test
    void twoBotsCallEachOtherThroughTheSignalingServer() throws Exception {
        PeerstackConfig config = PeerstackConfig.load();
        assertThat(config.media().fakeDevices()).as("surefire sets peerstack.media.fake-devices").isTrue();
        try (SignalingServer server = SignalingServer.start(SignalingServerConfig.of(
                     Map.of("server.host", "127.0.0.1", "server.port", "0")));
             WebRtcEngine engine = WebRtcEngine.create(config);
             MediaDevices devices = MediaDevices.create(config)) {
            MediaStream camera = devices.getUserMedia(MediaStreamConstraints.of(false, true)).get(10, TimeUnit.SECONDS);
            try (HelloBot alice = new HelloBot("alice", server.uri(), engine, camera).join("hello");
                 HelloBot bob = new HelloBot("bob", server.uri(), engine, null).join("hello")) {
                await("bob to receive 30 video frames from alice", () -> bob.framesReceived() >= 30);
                await("the chat channel to open at both bots", () -> alice.channelsOpen() >= 1 && bob.channelsOpen() >= 1);
                await("both greetings to arrive", () -> alice.messagesReceived() >= 1 && bob.messagesReceived() >= 1);
            } finally {
                camera.getTracks().forEach(MediaStreamTrack::stop);
            }
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + PATIENCE.toSeconds() + " s for " + what);
            }
            Thread.sleep(20);
        }
    }
}
