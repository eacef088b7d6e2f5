package org.peerstack.demo;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.peerstack.config.PeerstackConfig;
import org.peerstack.exc.NotFoundException;
import org.peerstack.exc.PeerstackException;
import org.peerstack.media.MediaCanvas;
import org.peerstack.media.MediaDevices;
import org.peerstack.media.MediaStream;
import org.peerstack.media.MediaStreamConstraints;
import org.peerstack.media.MediaStreamTrack;

/**
 * The local streams a {@link PlayBot} can publish, each owning what it opened: close it to stop the
 * tracks and release the devices.
 * <ul>
 *   <li>{@link #fake}: the fake camera (moving test pattern) and fake microphone (beeps);</li>
 *   <li>{@link #files}: a {@code .y4m} video file and/or a 16-bit PCM {@code .wav} file, looped
 *       (convert anything else first: {@code ffmpeg -i in.mp4 -pix_fmt yuv420p out.y4m});</li>
 *   <li>{@link #canvas}: a Java 2D animation drawn on a {@link MediaCanvas}, video only.</li>
 * </ul>
 */
public final class MediaSources implements AutoCloseable {

    /** Longest wait for getUserMedia (ms). */
    public static final long GET_USER_MEDIA_TIMEOUT_MS = 15_000;

    private final MediaStream stream;
    private final MediaDevices devices;
    private final ScheduledExecutorService animator;

    private MediaSources(MediaStream stream, MediaDevices devices, ScheduledExecutorService animator) {
        this.stream = stream;
        this.devices = devices;
        this.animator = animator;
    }

    /** The fake camera and microphone, sized by the {@code media:} section of {@code config}. */
    public static MediaSources fake(PeerstackConfig config) {
        MediaDevices devices = MediaDevices.create(config.withMedia(config.media().withFakeDevices(true)));
        return new MediaSources(getUserMedia(devices, MediaStreamConstraints.of(true, true)), devices, null);
    }

    /**
     * A video file and/or an audio file (either may be null, not both), played in a loop.
     *
     * @throws NotFoundException when a file does not exist
     */
    public static MediaSources files(PeerstackConfig config, Path video, Path audio) {
        if (video == null && audio == null) {
            throw new NotFoundException("play: give a video (.y4m) or audio (.wav) file");
        }
        for (Path file : new Path[] {video, audio}) {
            if (file != null && !Files.isRegularFile(file)) {
                throw new NotFoundException("play: no such file: " + file);
            }
        }
        MediaDevices devices = MediaDevices.create(config.withMedia(config.media().withFakeDevices(false)
                .withFiles(video == null ? "" : video.toString(), audio == null ? "" : audio.toString(), true)));
        return new MediaSources(getUserMedia(devices, MediaStreamConstraints.of(audio != null, video != null)),
                devices, null);
    }

    /** A 30 fps canvas animation (a bouncing ball, a clock and a frame counter), video only. */
    public static MediaSources canvas(int width, int height) {
        MediaCanvas canvas = new MediaCanvas(width, height);
        MediaStream stream = canvas.captureStream(30);
        ScheduledExecutorService animator = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "peerstack-demo-canvas");
            t.setDaemon(true);
            return t;
        });
        long start = System.nanoTime();
        animator.scheduleAtFixedRate(() -> {
            double t = (System.nanoTime() - start) / 1e9;
            int size = Math.max(8, height / 6);
            int x = (int) ((width - size) * (0.5 + 0.5 * Math.sin(t * 1.3)));
            int y = (int) ((height - size) * (0.5 + 0.5 * Math.sin(t * 2.1)));
            canvas.draw(g -> {
                g.setColor(new Color(20, 24, 40));
                g.fillRect(0, 0, width, height);
                g.setColor(new Color(255, 160, 40));
                g.fillOval(x, y, size, size);
                g.setColor(Color.WHITE);
                g.setStroke(new BasicStroke(2));
                g.drawRect(1, 1, width - 3, height - 3);
                g.setFont(new Font(Font.MONOSPACED, Font.BOLD, Math.max(10, height / 16)));
                g.drawString(String.format("peerstack play  t=%.2f s", t), 10, height - 12);
            });
        }, 0, 33, TimeUnit.MILLISECONDS);
        return new MediaSources(stream, null, animator);
    }

    private static MediaStream getUserMedia(MediaDevices devices, MediaStreamConstraints constraints) {
        try {
            return devices.getUserMedia(constraints).get(GET_USER_MEDIA_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            devices.close();
            if (e.getCause() instanceof PeerstackException p) {
                throw p;
            }
            throw new NotFoundException("getUserMedia failed: " + e.getCause());
        } catch (TimeoutException e) {
            devices.close();
            throw new NotFoundException("getUserMedia did not answer within " + GET_USER_MEDIA_TIMEOUT_MS + " ms");
        } catch (InterruptedException e) {
            devices.close();
            Thread.currentThread().interrupt();
            throw new NotFoundException("interrupted in getUserMedia");
        }
    }

    /** The stream to publish. */
    public MediaStream stream() {
        return stream;
    }

    /** Stops the tracks and closes the devices. Idempotent. */
    @Override
    public void close() {
        if (animator != null) {
            animator.shutdownNow();
        }
        stream.getTracks().forEach(MediaStreamTrack::stop);
        if (devices != null) {
            devices.close();
        }
    }
}
