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

    static boolean pushFrame(RecorderEngine engine, int width, int height, int index, long timestampNs) {
        ByteBuffer[] p = frame(width, height, index, 16);
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
     * Feeds {@code seconds} of 30 fps video ({@code width x height}, skipped when 0) and 10 ms sine
     * buffers interleaved in capture order, with timestamps from {@code startNs}.
     */
    static void feed(RecorderEngine engine, double seconds, int width, int height, int sampleRate, int channels,
                     double hz, long startNs) {
        long durationNs = (long) (seconds * 1e9);
        long frameNs = 1_000_000_000L / 30;
        long audioNs = 10_000_000L;
        int framesPer10ms = sampleRate / 100;
        long nextVideo = 0;
        long nextAudio = 0;
        int videoIndex = 0;
        long audioFrame = 0;
        while (nextVideo < durationNs || nextAudio < durationNs) {
            boolean videoNext = width > 0 && nextVideo < durationNs
                    && (channels == 0 || nextVideo <= nextAudio || nextAudio >= durationNs);
            if (videoNext) {
                pushFrame(engine, width, height, videoIndex++, startNs + nextVideo);
                nextVideo = videoIndex * frameNs;
            } else if (channels > 0 && nextAudio < durationNs) {
                engine.pushAudio(sine(sampleRate, channels, framesPer10ms, audioFrame, hz), sampleRate, channels,
                        framesPer10ms, startNs + nextAudio);
                audioFrame += framesPer10ms;
                nextAudio += audioNs;
            } else {
                nextVideo = Long.MAX_VALUE;
            }
        }
    }
}
