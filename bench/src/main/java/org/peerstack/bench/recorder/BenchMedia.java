package org.peerstack.bench.recorder;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.peerstack.config.PeerstackConfig;
import org.peerstack.config.RecorderConfig;
import org.peerstack.exc.PeerstackException;
import org.peerstack.internal.recorder.Chunk;
import org.peerstack.internal.recorder.RecorderEngine;
import org.peerstack.internal.recorder.RecorderListener;
import org.peerstack.internal.recorder.RecorderSettings;
import org.peerstack.internal.recorder.RecorderStats;
import org.peerstack.internal.recorder.RecordingType;
import org.peerstack.internal.recorder.RecordingTypes;
import org.peerstack.media.ConstrainULong;
import org.peerstack.media.MediaDevices;
import org.peerstack.media.MediaStreamConstraints;
import org.peerstack.media.MediaStreamTrack;
import org.peerstack.media.MediaTrackConstraints;

/**
 * Benchmark input: a cycle of {@link #DISTINCT} I420 frames, either camera-like (a textured background
 * panning, a moving block, sensor noise) or taken from peerstack's fake camera, and a 48 kHz stereo sine,
 * made once so making them never counts.
 */
final class BenchMedia {

    static final int FPS = 30;
    static final int DISTINCT = 30;
    static final int SAMPLE_RATE = 48_000;
    static final int CHANNELS = 2;
    static final int AUDIO_FRAMES = SAMPLE_RATE / 100;

    final int width;
    final int height;
    final ByteBuffer[][] frames = new ByteBuffer[DISTINCT][];
    final ByteBuffer[] audio = new ByteBuffer[100];

    /**
     * The frames of peerstack's fake camera ({@code media.fake-devices}): moving stripes over colour bars,
     * a sweeping box and the frame counter as digits; no noise, so it encodes much faster than
     * {@link #BenchMedia(int, int) the camera-like input}. {@link #DISTINCT} consecutive frames are copied
     * from a running fake camera track.
     */
    static BenchMedia fakeCamera(int width, int height) throws Exception {
        PeerstackConfig defaults = PeerstackConfig.load();
        ByteBuffer[][] frames = new ByteBuffer[DISTINCT][];
        CountDownLatch filled = new CountDownLatch(DISTINCT);
        AtomicInteger next = new AtomicInteger();
        try (MediaDevices devices = MediaDevices.create(defaults.withMedia(defaults.media().withFakeDevices(true)))) {
            MediaStreamTrack track = devices.getUserMedia(MediaStreamConstraints.newBuilder()
                    .video(MediaTrackConstraints.newBuilder().width(ConstrainULong.exact(width))
                            .height(ConstrainULong.exact(height)).frameRate(FPS).build()).build())
                    .get(30, TimeUnit.SECONDS).getVideoTracks().get(0);
            track.addVideoSink(frame -> {
                int i = next.getAndIncrement();
                if (i < DISTINCT) {
                    frames[i] = new ByteBuffer[] {
                        packed(frame.dataY(), frame.strideY(), width, height),
                        packed(frame.dataU(), frame.strideU(), (width + 1) / 2, (height + 1) / 2),
                        packed(frame.dataV(), frame.strideV(), (width + 1) / 2, (height + 1) / 2)};
                    filled.countDown();
                }
            });
            if (!filled.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the fake camera gave fewer than " + DISTINCT + " frames");
            }
            track.stop();
        }
        return new BenchMedia(width, height, frames);
    }

    private static ByteBuffer packed(ByteBuffer plane, int stride, int row, int rows) {
        ByteBuffer out = ByteBuffer.allocateDirect(row * rows);
        for (int r = 0; r < rows; r++) {
            ByteBuffer line = plane.duplicate();
            line.position(plane.position() + r * stride).limit(plane.position() + r * stride + row);
            out.put(line);
        }
        return out.flip();
    }

    private BenchMedia(int width, int height, ByteBuffer[][] frames) {
        this.width = width;
        this.height = height;
        System.arraycopy(frames, 0, this.frames, 0, DISTINCT);
        fillAudio();
    }

    /** The camera-like input: a textured background panning, a moving block and per-pixel sensor noise. */
    BenchMedia(int width, int height) {
        this.width = width;
        this.height = height;
        Random random = new Random(42);
        byte[] texture = new byte[(width * 2) * height];
        for (int i = 0; i < texture.length; i++) {
            int x = i % (width * 2);
            int y = i / (width * 2);
            texture[i] = (byte) (96 + 60 * Math.sin(x / 23.0) * Math.cos(y / 17.0) + random.nextInt(24));
        }
        int cw = width / 2;
        int ch = height / 2;
        for (int f = 0; f < DISTINCT; f++) {
            ByteBuffer y = ByteBuffer.allocateDirect(width * height);
            ByteBuffer u = ByteBuffer.allocateDirect(cw * ch);
            ByteBuffer v = ByteBuffer.allocateDirect(cw * ch);
            int pan = f * 4;
            int bx = (f * 13) % Math.max(1, width - 64);
            int by = (f * 7) % Math.max(1, height - 64);
            for (int r = 0; r < height; r++) {
                for (int c = 0; c < width; c++) {
                    int value = texture[r * width * 2 + ((c + pan) % (width * 2))] & 0xff;
                    if (c >= bx && c < bx + 64 && r >= by && r < by + 64) {
                        value = 235;
                    }
                    y.put(r * width + c, (byte) (value + random.nextInt(6) - 3));
                }
            }
            for (int i = 0; i < cw * ch; i++) {
                u.put(i, (byte) (128 + ((i / cw + f) % 40) - 20));
                v.put(i, (byte) (128 - ((i % cw + f) % 30) + 15));
            }
            frames[f] = new ByteBuffer[] {y, u, v};
        }
        fillAudio();
    }

    private void fillAudio() {
        for (int i = 0; i < audio.length; i++) {
            ByteBuffer b = ByteBuffer.allocateDirect(AUDIO_FRAMES * CHANNELS * 2).order(ByteOrder.nativeOrder());
            for (int s = 0; s < AUDIO_FRAMES; s++) {
                short value = (short) (8000 * Math.sin(2 * Math.PI * 440 * (i * AUDIO_FRAMES + s) / SAMPLE_RATE));
                b.putShort(value).putShort(value);
            }
            audio[i] = b.flip();
        }
    }

    /** Pushes {@code seconds} of video and audio in capture order as fast as the engine takes them. */
    void feed(RecorderEngine engine, double seconds, long startNs) {
        int videoFrames = (int) Math.round(seconds * FPS);
        int audioBuffers = (int) Math.round(seconds * 100);
        int v = 0;
        int a = 0;
        while (v < videoFrames || a < audioBuffers) {
            long videoNs = v * 1_000_000_000L / FPS;
            long audioNs = a * 10_000_000L;
            if (v < videoFrames && (a >= audioBuffers || videoNs <= audioNs)) {
                ByteBuffer[] p = frames[v % DISTINCT];
                engine.pushVideo(p[0], width, p[1], width / 2, p[2], width / 2, width, height, startNs + videoNs);
                v++;
            } else {
                engine.pushAudio(audio[a % audio.length], SAMPLE_RATE, CHANNELS, AUDIO_FRAMES, startNs + audioNs);
                a++;
            }
        }
    }

    /** Writes the same input as raw files for the ffmpeg command line. */
    void writeRaw(Path yuv, Path pcm, double seconds) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(yuv), 1 << 20)) {
            byte[] row = new byte[width * height];
            for (int v = 0; v < Math.round(seconds * FPS); v++) {
                for (ByteBuffer plane : frames[v % DISTINCT]) {
                    int n = plane.capacity();
                    plane.duplicate().clear().get(row, 0, n);
                    out.write(row, 0, n);
                }
            }
        }
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(pcm), 1 << 20)) {
            byte[] buf = new byte[AUDIO_FRAMES * CHANNELS * 2];
            for (int a = 0; a < Math.round(seconds * 100); a++) {
                ByteBuffer b = audio[a % audio.length].duplicate().order(ByteOrder.LITTLE_ENDIAN);
                b.get(buf);
                out.write(buf);
            }
        }
    }

    static RecorderEngine engine(String mimeType, RecorderListener listener) {
        return engine(mimeType, listener, config());
    }

    /** The loaded configuration ({@code -Dpeerstack.recorder.KEY=VALUE} overrides single keys). */
    static RecorderConfig config() {
        return PeerstackConfig.load().recorder();
    }

    /** The loaded configuration with another {@code encoder-threads}. */
    static RecorderConfig withThreads(int threads) {
        return config().toBuilder().encoderThreads(threads).build();
    }

    static RecorderEngine engine(String mimeType, RecorderListener listener, RecorderConfig config) {
        RecordingType type = RecordingTypes.ofNativeEncoders().select(mimeType, true, true);
        RecorderSettings settings = RecorderSettings.of(type, config, OptionalLong.empty(),
                OptionalLong.empty(), OptionalLong.empty()).withProducerWaitMs(TimeUnit.MINUTES.toMillis(10));
        return new RecorderEngine(settings, listener);
    }

    /** Counts chunk bytes (or hands them to a sink) and remembers a failure. */
    static class CountingListener implements RecorderListener {
        volatile long bytes;
        volatile PeerstackException error;

        @Override
        public void onStart(String mimeType) {
        }

        @Override
        public void onData(Chunk chunk) {
            bytes += chunk.size();
        }

        @Override
        public void onError(PeerstackException e) {
            error = e;
        }

        @Override
        public void onStop(RecorderStats stats) {
        }
    }

    static long rssKib() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    static String load() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).trim();
    }

    static double median(double[] values) {
        double[] s = values.clone();
        java.util.Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

}
