package org.peerstack.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerstack.demo.exits.ChildJvm;
import org.peerstack.demo.exits.MediaCheckProgram;

/**
 * {@code ./run-demo}'s file check without Debian's ffmpeg: with no ffprobe on the PATH, {@link MediaCheck}
 * uses the ffprobe program inside the bytedeco FFmpeg jar and still decodes the file.
 */
@Timeout(120)
class MediaCheckWithoutSystemFfmpegTest {

    @Test
    void theBundledFfprobeChecksAWebmWhenNoneIsOnThePath(@TempDir Path dir) throws Exception {
        Path webm = dir.resolve("clip.webm");
        Process ffmpeg = new ProcessBuilder("ffmpeg", "-nostdin", "-v", "error", "-f", "lavfi", "-i",
                "testsrc=size=320x240:rate=15", "-t", "1", "-c:v", "libvpx", webm.toString()).inheritIO().start();
        assertThat(ffmpeg.waitFor(60, TimeUnit.SECONDS) && ffmpeg.exitValue() == 0).as("Debian ffmpeg made the clip").isTrue();

        ChildJvm run = ChildJvm.run(Map.of("PATH", dir.resolve("no-programs-here").toString()), null, List.of(),
                MediaCheckProgram.class.getName(), webm.toString());
        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.stdout()).as(run.all()).containsPattern("ffprobe: /.*/org/bytedeco/ffmpeg/linux-x86_64/ffprobe\\n")
                .contains("check: vp8,video,320,240,15", "decodes cleanly");
    }
}
