package org.peerstack.internal.recorder;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Test input: moving I420 pictures and sine-wave PCM, pushed into an engine faster than real time. */
final class SyntheticMedia {

    private SyntheticMedia() {
    }

    /** An I420 frame (direct buffers, strides padded by {@code pad}) whose content moves with {@code index}. */
    static ByteBuffer[] frame(int width, int height, int index, int pad) {
        int cw = (width + 1) / 2;
        int ch = (height + 1) / 2;
        ByteBuffer y = ByteBuffer.allocateDirect((width + pad) * height);
        ByteBuffer u = ByteBuffer.allocateDirect((cw + pad) * ch);
        ByteBuffer v = ByteBuffer.allocateDirect((cw + pad) * ch);
        for (int r = 0; r < height; r++) {
            for (int c = 0; c < width; c++) {
                y.put(r * (width + pad) + c, (byte) ((c + r + index * 4) & 0xff));
            }
        }
        for (int r = 0; r < ch; r++) {
            for (int c = 0; c < cw; c++) {
                u.put(r * (cw + pad) + c, (byte) (128 + ((c + index) & 31)));
                v.put(r * (cw + pad) + c, (byte) (128 - ((r + index) & 31)));
            }
        }
        return new ByteBuffer[] {y, u, v};
    }

    /** Distinct pictures per size; frames cycle through them (generating each in Java is slow). */
    private static final int DISTINCT = 12;
    private static final java.util.Map<String, ByteBuffer[]> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

    static boolean pushFrame(RecorderEngine engine, int width, int height, int index, long timestampNs) {
        ByteBuffer[] p = CACHE.computeIfAbsent(width + "x" + height + "#" + (index % DISTINCT),
                k -> frame(width, height, index % DISTINCT, 16));
        int cw = (width + 1) / 2;
        return engine.pushVideo(p[0], width + 16, p[1], cw + 16, p[2], cw + 16, width, height, timestampNs);
    }

    /** Interleaved 16-bit PCM of a sine at {@code hz}, all channels equal, continuing from {@code startFrame}. */
    static ByteBuffer sine(int sampleRate, int channels, int frames, long startFrame, double hz) {
        ByteBuffer b = ByteBuffer.allocateDirect(frames * channels * 2).order(ByteOrder.nativeOrder());
        for (int i = 0; i < frames; i++) {
            short s = (short) Math.round(Math.sin(2 * Math.PI * hz * (startFrame + i) / sampleRate) * 12_000);
            for (int c = 0; c < channels; c++) {
                b.putShort((i * channels + c) * 2, s);
            }
        }
        return b;
    }

    /**
     * Feeds {@code seconds} of 30 fps video (frame i at i/30 s) ({@code width x height}, skipped when 0) and 10 ms sine
     * buffers interleaved in capture order, with timestamps from {@code startNs}.
     */
    static void feed(RecorderEngine engine, double seconds, int width, int height, int sampleRate, int channels,
                     double hz, long startNs) {
        int videoFrames = width > 0 ? (int) Math.round(seconds * 30) : 0;
        int audioBuffers = channels > 0 ? (int) Math.round(seconds * 100) : 0;
        int framesPer10ms = sampleRate / 100;
        int v = 0;
        int a = 0;
        while (v < videoFrames || a < audioBuffers) {
            long videoNs = v * 1_000_000_000L / 30;
            long audioNs = a * 10_000_000L;
            if (v < videoFrames && (a >= audioBuffers || videoNs <= audioNs)) {
                pushFrame(engine, width, height, v, startNs + videoNs);
                v++;
            } else {
                engine.pushAudio(sine(sampleRate, channels, framesPer10ms, (long) a * framesPer10ms, hz), sampleRate,
                        channels, framesPer10ms, startNs + audioNs);
                a++;
            }
        }
    }
}
