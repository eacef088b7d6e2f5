package org.peerstack.internal.filesource;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerstack.media.MediaDeviceKind;
import org.peerstack.testing.MediaFiles;

/**
 * Audio/video sync over ten minutes of media, played twenty times faster than real time (30 s): a
 * 20-second H.264+AAC clip whose picture flashes white and whose sound beeps at the start of every
 * second, looped thirty times. The arrival of each flash at the video sink is compared with the
 * arrival of the beep at the audio sink (media time = wall time x speed).
 */
class FileSyncTest {

    private static final double SPEED = 20;
    private static final double MEDIA_SECONDS = 600;
    /** Largest allowed drift of the A/V offset from the first to the last minute (ms), as issue 18 asks. */
    private static final double MAX_DRIFT_MS = 20;

    @TempDir
    Path dir;

    @Test
    void flashesAndBeepsStayTogetherOverTenMinutesOfLoopedMedia() throws Exception {
        Path file = MediaFiles.make(dir, "sync.mp4",
                "-f", "lavfi", "-i", "color=c=black:s=160x120:r=30:d=20,drawbox=x=0:y=0:w=160:h=120:color=white"
                        + ":t=fill:enable='lt(mod(t\\,1)\\,0.1)'",
                "-f", "lavfi", "-i", "aevalsrc='if(lt(mod(t\\,1)\\,0.1)\\,0.5*sin(2*PI*1000*t)\\,0)':s=48000:d=20",
                "-c:v", "libx264", "-pix_fmt", "yuv420p", "-g", "30", "-c:a", "aac", "-b:a", "128k");
        FfmpegFileSourceProvider provider = new FfmpegFileSourceProvider(SPEED);
        long t0 = System.nanoTime();
        Playback playback = new Playback(provider, file, true, MediaDeviceKind.AUDIO_INPUT,
                MediaDeviceKind.VIDEO_INPUT);
        Thread.sleep((long) (MEDIA_SECONDS / SPEED * 1000) + 500);
        playback.stop();

        List<Double> flashes = new ArrayList<>();
        int previous = 0;
        synchronized (playback.frames) {

            for (Playback.Frame f : playback.frames) {
                if (f.centreLuma() > 128 && previous <= 128) {
                    flashes.add(mediaMs(f.arrivalNs(), t0));
                }
                previous = f.centreLuma();
            }
        }
        List<Double> beeps = new ArrayList<>();
        double previousRms = 0;
        synchronized (playback.chunks) {
            for (Playback.Chunk c : playback.chunks) {
                short[] s = new short[c.data().frameCount()];
                c.data().samples().get(s);
                double rms = MediaFiles.rms(s);
                if (rms > 3000 && previousRms <= 3000) {
                    beeps.add(mediaMs(c.arrivalNs(), t0));
                }
                previousRms = rms;
            }
        }
        assertThat(flashes.size()).as("flashes seen").isGreaterThanOrEqualTo((int) MEDIA_SECONDS - 5);
        assertThat(beeps.size()).as("beeps heard").isGreaterThanOrEqualTo((int) MEDIA_SECONDS - 5);

        double[] offsets = new double[flashes.size()];
        for (int i = 0; i < flashes.size(); i++) {
            double flash = flashes.get(i);
            offsets[i] = beeps.stream().mapToDouble(b -> flash - b).reduce((a, b) -> Math.abs(a) < Math.abs(b) ? a : b)
                    .orElseThrow();
        }
        double first = median(Arrays.copyOfRange(offsets, 0, 60));
        double last = median(Arrays.copyOfRange(offsets, offsets.length - 60, offsets.length));
        double all = median(offsets);
        double span = flashes.get(flashes.size() - 1) - flashes.get(0);
        System.out.printf("A/V offset (video - audio, media ms): median %.1f, first minute %.1f, last minute %.1f;"
                + " %d flashes, %d beeps, %.2f ms per flash%n", all, first, last, flashes.size(), beeps.size(),
                span / (flashes.size() - 1));
        assertThat(Math.abs(all)).as("median A/V offset (ms)").isLessThanOrEqualTo(MAX_DRIFT_MS);
        assertThat(Math.abs(last - first)).as("drift over ten minutes (ms)").isLessThanOrEqualTo(MAX_DRIFT_MS);

        assertThat(span / (flashes.size() - 1)).as("one flash per media second (ms)").isBetween(995.0, 1005.0);
    }

    private static double mediaMs(long arrivalNs, long t0) {
        return (arrivalNs - t0) / 1e6 * SPEED;
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v[v.length / 2];
    }
}
