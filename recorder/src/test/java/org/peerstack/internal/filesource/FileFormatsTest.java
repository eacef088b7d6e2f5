package org.peerstack.internal.filesource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.peerstack.internal.media.CaptureDevice;
import org.peerstack.media.MediaDeviceKind;
import org.peerstack.testing.MediaFiles;

/**
 * Containers and codecs FFmpeg demuxes, each made by the ffmpeg program as a one-second clip (320x240
 * at 30 fps and/or a 440 Hz tone) and played to its end at 4x speed: the decoded frames' size and count,
 * the chunks' format, count and tone are checked.
 */
class FileFormatsTest {

    /** Plays four times faster than real time. */
    private static final double SPEED = 4;

    @TempDir
    Path dir;

    private static final String[] VIDEO = {"-f", "lavfi", "-i", "testsrc2=size=320x240:rate=30:duration=1"};

    private static String[] tone(int rate) {
        return new String[] {"-f", "lavfi", "-i", "sine=frequency=440:sample_rate=" + rate + ":duration=1"};
    }

    private static String[] concat(String[]... parts) {
        return java.util.Arrays.stream(parts).flatMap(java.util.Arrays::stream).toArray(String[]::new);
    }

    static List<Arguments> formats() {
        return List.of(
                // name, ffmpeg args, video?, audio rate (0 = none), channels
                Arguments.of("clip.mp4", concat(VIDEO, tone(48_000), new String[] {"-c:v", "libx264", "-pix_fmt",
                        "yuv420p", "-c:a", "aac", "-shortest"}), true, 48_000, 1),
                Arguments.of("clip.webm", concat(VIDEO, tone(48_000), new String[] {"-c:v", "libvpx", "-c:a",
                        "libopus", "-ac", "2"}), true, 48_000, 2),
                Arguments.of("clip.mkv", concat(VIDEO, tone(16_000), new String[] {"-c:v", "libvpx-vp9",
                        "-deadline", "realtime", "-cpu-used", "8", "-c:a", "pcm_s16le"}), true, 16_000, 1),
                Arguments.of("clip.mov", concat(VIDEO, tone(44_100), new String[] {"-c:v", "mjpeg", "-pix_fmt",
                        "yuvj422p", "-c:a", "pcm_s16le"}), true, 44_100, 1),
                Arguments.of("clip.ogg", concat(VIDEO, tone(22_050), new String[] {"-c:v", "libtheora", "-c:a",
                        "libvorbis"}), true, 48_000, 1),
                Arguments.of("tone.mp3", concat(tone(44_100), new String[] {"-c:a", "libmp3lame"}), false, 44_100, 1),
                Arguments.of("tone.wav", concat(tone(16_000), new String[] {"-ac", "2", "-c:a", "pcm_s16le"}),
                        false, 16_000, 2),
                Arguments.of("clip.y4m", concat(VIDEO, new String[] {"-pix_fmt", "yuv420p"}), true, 0, 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formats")
    void playsToItsEndWithTheRightFramesAndTone(String name, String[] args, boolean video, int rate, int channels)
            throws Exception {
        Path file = MediaFiles.make(dir, name, args);
        FfmpegFileSourceProvider provider = new FfmpegFileSourceProvider(SPEED);
        List<CaptureDevice> devices = provider.devices(file, false);
        assertThat(devices).extracting(CaptureDevice::kind).containsExactlyElementsOf(
                video && rate > 0 ? List.of(MediaDeviceKind.VIDEO_INPUT, MediaDeviceKind.AUDIO_INPUT)
                        : video ? List.of(MediaDeviceKind.VIDEO_INPUT) : List.of(MediaDeviceKind.AUDIO_INPUT));
        MediaDeviceKind[] kinds = devices.stream().map(CaptureDevice::kind).toArray(MediaDeviceKind[]::new);
        Playback playback = new Playback(provider, file, false, kinds);
        assertThat(playback.awaitEnded(20)).as("both tracks ended").isTrue();
        if (video) {
            assertThat(playback.tracks.get(0).getSettings().width()).hasValue(320);
            assertThat(playback.tracks.get(0).getSettings().frameRate()).hasValue(30.0);
            assertThat(playback.frames).hasSizeBetween(29, 31)
                    .allSatisfy(f -> assertThat(f.width() + "x" + f.height()).isEqualTo("320x240"));
        }
        if (rate > 0) {
            assertThat(playback.chunks).hasSizeBetween(97, 106).allSatisfy(c -> {
                assertThat(c.data().sampleRate()).isEqualTo(rate);
                assertThat(c.data().channelCount()).isEqualTo(channels);
                assertThat(c.data().frameCount()).isEqualTo(rate / 100);
            });
            short[] samples = playback.channel0();
            short[] middle = java.util.Arrays.copyOfRange(samples, samples.length / 4, samples.length * 3 / 4);
            assertThat(MediaFiles.frequency(middle, rate)).as("tone").isBetween(430.0, 450.0);
            assertThat(MediaFiles.rms(middle)).as("level").isGreaterThan(1000);
        }
    }

    @Test
    void aFileWithoutAudioOrVideoIsRefusedNamingWhy() throws Exception {
        Path subtitles = dir.resolve("words.srt");
        Files.writeString(subtitles, "1\n00:00:00,000 --> 00:00:01,000\nhello\n");
        FfmpegFileSourceProvider provider = new FfmpegFileSourceProvider(1);
        assertThatThrownBy(() -> provider.devices(subtitles, true)).isInstanceOf(IOException.class)
                .hasMessageContaining("no video or audio stream");
        Path junk = dir.resolve("junk.mp4");
        Files.writeString(junk, "not a video at all");
        assertThatThrownBy(() -> provider.devices(junk, true)).isInstanceOf(IOException.class)
                .hasMessageContaining("opening it as a media file");
        assertThatThrownBy(() -> provider.devices(dir.resolve("missing.webm"), true))
                .isInstanceOf(IOException.class).hasMessageContaining("no such file");
    }

    @Test
    void loopingPlaysTheClipAgainAndStopFreesThePlayer() throws Exception {
        Path file = MediaFiles.make(dir, "short.mp4", concat(new String[] {"-f", "lavfi", "-i",
                "testsrc2=size=64x48:rate=30:duration=0.5"}, new String[] {"-c:v", "libx264", "-pix_fmt", "yuv420p"}));
        FfmpegFileSourceProvider provider = new FfmpegFileSourceProvider(SPEED);
        Playback playback = new Playback(provider, file, true, MediaDeviceKind.VIDEO_INPUT);
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (playback.frames.size() < 60 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(playback.frames.size()).as("four loops of 15 frames").isGreaterThanOrEqualTo(60);
        assertThat(playback.tracks.get(0).readyState().token()).isEqualTo("live");
        playback.stop();
        Thread.sleep(200);
        int after = playback.frames.size();
        Thread.sleep(200);
        assertThat(playback.frames).hasSize(after);
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("peerstack-file-short.mp4"));
    }
    @Test
    void aCameraOpenedWhileTheFilePlaysJoinsAtAKeyframeAndStoppingItLeavesTheMicrophonePlaying() throws Exception {
        Path file = MediaFiles.make(dir, "long.mp4", concat(new String[] {"-f", "lavfi", "-i",
                "testsrc2=size=160x120:rate=30:duration=20", "-f", "lavfi", "-i",
                "sine=frequency=440:sample_rate=48000:duration=20"}, new String[] { "-c:v", "libx264",
                "-pix_fmt", "yuv420p", "-g", "15", "-c:a", "aac"}));
        FfmpegFileSourceProvider provider = new FfmpegFileSourceProvider(SPEED);
        Playback microphone = new Playback(provider, file, false, MediaDeviceKind.AUDIO_INPUT);
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (microphone.chunks.size() < 300 && System.nanoTime() < deadline) {
            Thread.sleep(10); // until 3 s of media played: past the start grace, the video is not decoded now
        }
        assertThat(microphone.chunks.size()).isGreaterThanOrEqualTo(300);
        Playback camera = new Playback(provider, file, false, MediaDeviceKind.VIDEO_INPUT);
        Thread.sleep(500);
        assertThat(camera.frames).as("frames after joining").hasSizeGreaterThan(20)
                .allSatisfy(f -> assertThat(f.width()).isEqualTo(160));
        assertThat(Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("peerstack-file-long.mp4")))
                .as("one player for both tracks").hasSize(1);
        camera.stop();
        int chunks = microphone.chunks.size();
        Thread.sleep(300);
        assertThat(microphone.chunks.size()).as("the microphone plays on").isGreaterThan(chunks + 50);
        assertThat(microphone.tracks.get(0).readyState().token()).isEqualTo("live");
        microphone.stop();
    }
}
