package org.peerstack.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerstack.config.AudioMode;
import org.peerstack.recorder.MediaRecorderOptions;
import org.peerstack.signaling.server.SignalingServer;

/**
 * Java bots in an SFU room of a real server with its SFU: the play bot publishes its fake camera and
 * microphone once, to the SFU; the record bot receives them from the SFU and writes one file for the play
 * bot that ffprobe decodes (VP8 video + Opus audio, not silence); the play bot leaving ends that
 * recording. The echo bot republishes the play bot's camera, which the play bot decodes. Chat bots talk
 * through the server (no data channels through an SFU).
 */
@Timeout(180)
class SfuRoomBotsTest {

    @Test
    void recordBotRecordsThePlayBotThroughTheSfu(@TempDir Path dir) throws Exception {
        RecordBot bot;
        try (SignalingServer server = DemoServer.startWithSfu();
             MediaSources media = MediaSources.fake(DemoConfig.load(AudioMode.HEADLESS))) {
            bot = new RecordBot(dir, "sfu", MediaRecorderOptions.defaults());
            try (SfuCall record = SfuCall.join(Room.Options.of(server.uri(), "sfu-bots", "record-bot"), TestEngine.get(),
                    bot, null)) {
                Conditions.await("the record bot's connection", Conditions.GENEROUS, () -> record.connection() != null, () -> "none");
                org.peerstack.rtc.RTCPeerConnection firstConnection = record.connection();
                SfuCall play = SfuCall.join(Room.Options.of(server.uri(), "sfu-bots", "play-bot"), TestEngine.get(),
                        new PlayBot(media.stream()), media.stream());
                try {
                    Conditions.await("the record bot to record the play bot for 4 s", Conditions.GENEROUS,
                            () -> bot.active().stream().anyMatch(r -> r.duration().toMillis() >= 4000 && r.bytes() > 20_000),
                            bot::status);
                    assertThat(record.peers()).extracting(Peer::name).containsExactly("play-bot");
                    assertThat(record.peers().get(0).pc()).as("the member's pc is the record bot's one connection")
                            .isSameAs(record.connection());
                } finally {
                    play.close();
                }
                // Its tracks leave the SFU's next offer: the record bot's peerClosed ends the file.
                Conditions.await("the play bot's recording to end when it leaves", Conditions.GENEROUS,
                        () -> !bot.finished().isEmpty() && bot.active().isEmpty() && record.peers().isEmpty(),
                        () -> bot.status() + " " + record.peers());
                // Someone publishes again after the room had nothing to forward: a new file.
                try (SfuCall again = SfuCall.join(Room.Options.of(server.uri(), "sfu-bots", "second-bot"), TestEngine.get(),
                        new PlayBot(media.stream()), media.stream())) {
                    Conditions.await("the record bot to record the second play bot", Conditions.GENEROUS,
                            () -> bot.active().stream().anyMatch(r -> r.participant().equals("second-bot") && r.bytes() > 20_000),
                            bot::status);
                    assertThat(record.peers()).extracting(Peer::pc).as("the same connection renegotiated, not a new one")
                            .containsOnly(firstConnection);
                }
            } finally {
                bot.close();
            }
        }
        List<ParticipantRecording> finished = bot.finished();
        assertThat(finished).extracting(ParticipantRecording::participant).containsExactly("play-bot", "second-bot");
        ParticipantRecording recording = finished.get(0);
        assertThat(recording.error()).isEmpty();
        MediaCheck check = MediaCheck.of(recording.file());
        assertThat(check.decodes()).as(check.toString()).isTrue();
        assertThat(check.streams()).as(check.toString()).anyMatch(s -> s.startsWith("vp8,video,"))
                .anyMatch(s -> s.startsWith("opus,audio,"));
        assertThat(check.duration()).as(check.toString()).isGreaterThan(3.0);
        assertThat(recording.audibleShare()).as("share of audible 10 ms chunks (the fake microphone beeps)")
                .isGreaterThan(0.05);
    }

    @Test
    void echoBotRepublishesThePlayBotThroughTheSfu() throws Exception {
        java.util.concurrent.atomic.AtomicLong echoedFrames = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicInteger echoedWidth = new java.util.concurrent.atomic.AtomicInteger();
        // The play bot watches what the echo bot sends: its own camera, decoded and re-encoded by the echo bot.
        Room.Handler watch = new Room.Handler() {
            @Override
            public void track(Peer peer, org.peerstack.rtc.RTCTrackEvent event) {
                if (peer.name().equals("echo-bot") && event.track().kind() == org.peerstack.media.MediaKind.VIDEO) {
                    event.track().addSink((org.peerstack.media.VideoSink) frame -> {
                        echoedFrames.incrementAndGet();
                        echoedWidth.set(frame.width());
                    });
                }
            }
        };
        try (SignalingServer server = DemoServer.startWithSfu();
             MediaSources media = MediaSources.fake(DemoConfig.load(AudioMode.HEADLESS));
             SfuEcho echo = new SfuEcho();
             SfuCall echoCall = SfuCall.join(Room.Options.of(server.uri(), "sfu-echo", "echo-bot"), TestEngine.get(), echo, null);
             SfuCall play = SfuCall.join(Room.Options.of(server.uri(), "sfu-echo", "play-bot"), TestEngine.get(), watch,
                     media.stream())) {
            echo.attach(echoCall);
            Conditions.await("the play bot to decode 30 frames of its camera echoed through the SFU", Conditions.GENEROUS,
                    () -> echoedFrames.get() >= 30, () -> echo.status() + ", frames " + echoedFrames.get() + ", "
                            + play.peers() + ", echo publishes: " + echoCall.publisher().isPresent());
            assertThat(echoedWidth.get()).isPositive();
            assertThat(echo.tracksEchoed()).isEqualTo(2);
        }
    }

    @Test
    void chatBotsTalkThroughTheServer() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        ChatBot alice = new ChatBot(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        ChatBot bob = new ChatBot(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try (SignalingServer server = DemoServer.startWithSfu();
             SfuCall a = SfuCall.join(Room.Options.of(server.uri(), "sfu-chat", "alice"), TestEngine.get(), alice, null);
             SfuCall b = SfuCall.join(Room.Options.of(server.uri(), "sfu-chat", "bob"), TestEngine.get(), bob, null)) {
            alice.attach(a);
            bob.attach(b);
            Conditions.await("alice to see bob", Conditions.GENEROUS, () -> a.members().size() == 1, a::members);
            assertThat(alice.send("hello bob")).isEqualTo(1);
            Conditions.await("bob to print alice's line", Conditions.GENEROUS,
                    () -> printed.toString(StandardCharsets.UTF_8).contains("alice: hello bob"), printed::toString);
        }
    }
}
