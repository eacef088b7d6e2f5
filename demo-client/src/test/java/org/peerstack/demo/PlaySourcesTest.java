package org.peerstack.demo;

import org.peerstack.config.AudioMode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerstack.exc.NotFoundException;
import org.peerstack.media.AudioSink;
import org.peerstack.media.MediaKind;
import org.peerstack.media.VideoSink;
import org.peerstack.rtc.RTCTrackEvent;
import org.peerstack.signaling.server.SignalingServer;

/** The play bot's other sources reach a receiving bot: a looped .y4m + .wav file pair, and a canvas animation. */
@Timeout(120)
class PlaySourcesTest {

    @Test
    void playBotPublishesAVideoAndAnAudioFile(@TempDir Path dir) throws Exception {
        Path video = dir.resolve("clip.y4m");
        Path audio = dir.resolve("clip.wav");
        ffmpeg("-f", "lavfi", "-i", "testsrc=size=320x240:rate=15", "-t", "2", "-pix_fmt", "yuv420p", video.toString());
        ffmpeg("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t", "2", "-ac", "1", "-c:a", "pcm_s16le",
                audio.toString());
        try (MediaSources media = MediaSources.files(DemoConfig.load(AudioMode.HEADLESS), video, audio)) {
            Receiver receiver = receive(media);
            assertThat(receiver.frameWidth.get()).isEqualTo(320);
            assertThat(receiver.loudAudio.get()).isPositive();
        }
    }

    @Test
    void playBotPublishesACanvasAnimation() throws Exception {
        try (MediaSources media = MediaSources.canvas(320, 180)) {
            assertThat(receive(media).frameWidth.get()).isEqualTo(320);
        }
    }

    @Test
    void missingFilesAreATypedError(@TempDir Path dir) {
        assertThatThrownBy(() -> MediaSources.files(DemoConfig.load(AudioMode.HEADLESS),
                dir.resolve("none.y4m"), null)).isInstanceOf(NotFoundException.class).hasMessageContaining("none.y4m");
    }

    /** Joins a play bot and a receiver; returns once the receiver decoded 30 frames (and audio, if sent). */
    private static Receiver receive(MediaSources media) throws Exception {
        Receiver receiver = new Receiver();
        try (SignalingServer server = DemoServer.start();
             Room play = Room.join(Room.Options.of(server.uri(), "sources", "play"), TestEngine.get(), new PlayBot(media.stream()));
             Room listen = Room.join(Room.Options.of(server.uri(), "sources", "listen"), TestEngine.get(), receiver)) {
            boolean withAudio = !media.stream().getAudioTracks().isEmpty();
            Conditions.await("30 decoded frames" + (withAudio ? " and audible audio" : ""), Conditions.GENEROUS,
                    () -> receiver.frames.get() >= 30 && (!withAudio || receiver.loudAudio.get() > 0),
                    () -> receiver.frames.get() + " frames, " + receiver.loudAudio.get() + " loud chunks, peers "
                            + play.peers() + listen.peers());
        }
        return receiver;
    }

    private static void ffmpeg(String... args) throws Exception {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("ffmpeg", "-nostdin", "-v", "error", "-y"));
        command.addAll(java.util.List.of(args));
        Process process = new ProcessBuilder(command).inheritIO().start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command)).isZero();
    }

    /** Counts what arrives (the play bot on the same engine sends audio, so the headless engine decodes it). */
    private static final class Receiver implements Room.Handler {
        final AtomicLong frames = new AtomicLong();
        final AtomicLong frameWidth = new AtomicLong();
        final AtomicLong loudAudio = new AtomicLong();

        @Override
        public void track(Peer peer, RTCTrackEvent event) {
            if (event.track().kind() == MediaKind.VIDEO) {
                event.track().addSink((VideoSink) frame -> {
                    frameWidth.set(frame.width());
                    frames.incrementAndGet();
                });
            } else {
                event.track().addSink((AudioSink) data -> {
                    if (!data.isSilent()) {
                        loudAudio.incrementAndGet();
                    }
                });
            }
        }
    }
}
