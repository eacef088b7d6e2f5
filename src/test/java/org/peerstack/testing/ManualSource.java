package org.peerstack.testing;

import java.util.concurrent.atomic.AtomicInteger;
import org.peerstack.media.AudioData;
import org.peerstack.media.MediaKind;
import org.peerstack.media.MediaTrackCapabilities;
import org.peerstack.media.MediaTrackSettings;
import org.peerstack.media.MediaTrackSource;
import org.peerstack.media.VideoFrame;

/**
 * A source driven by the test through the public SPI, the way the peer-connection layer drives a remote
 * source: push frames, mute, unmute, end. Counts starts and stops.
 */
public final class ManualSource extends MediaTrackSource {

    public final AtomicInteger starts = new AtomicInteger();
    public final AtomicInteger stops = new AtomicInteger();

    public ManualSource(MediaKind kind) {
        super(kind, "Manual " + kind.token());
    }

    /** A started source. */
    public static ManualSource started(MediaKind kind) {
        ManualSource s = new ManualSource(kind);
        s.start(org.peerstack.media.MediaTrackConstraints.empty());
        return s;
    }

    @Override
    public MediaTrackCapabilities capabilities() {
        return kind() == MediaKind.VIDEO
                ? MediaTrackCapabilities.newBuilder().width(16, 16).height(16, 16).frameRate(30, 30).build()
                : MediaTrackCapabilities.newBuilder().sampleRate(48_000, 48_000).channelCount(1, 1).build();
    }

    @Override
    protected MediaTrackSettings defaultSettings() {
        return kind() == MediaKind.VIDEO
                ? MediaTrackSettings.newBuilder().width(16).height(16).frameRate(30).build()
                : MediaTrackSettings.newBuilder().sampleRate(48_000).channelCount(1).build();
    }

    @Override
    protected void onStart(MediaTrackSettings settings) {
        starts.incrementAndGet();
    }

    @Override
    protected void onStop() {
        stops.incrementAndGet();
    }

    /** Delivers a mid-grey 16x16 frame, then releases it. */
    public void pushFrame() {
        VideoFrame frame = VideoFrame.allocate(16, 16, System.nanoTime());
        try {
            fill(frame.writableY(), (byte) 128);
            fill(frame.writableU(), (byte) 128);
            fill(frame.writableV(), (byte) 128);
            deliverVideo(frame);
        } finally {
            frame.release();
        }
    }

    private static void fill(java.nio.ByteBuffer b, byte v) {
        for (int i = 0; i < b.capacity(); i++) {
            b.put(i, v);
        }
    }

    /** Delivers 10 ms of a constant non-zero signal. */
    public void pushAudio() {
        short[] pcm = new short[480];
        java.util.Arrays.fill(pcm, (short) 1000);
        deliverAudio(AudioData.of(pcm, 48_000, 1, System.nanoTime() / 1000));
    }

    public void fireMute() {
        mute();
    }

    public void fireUnmute() {
        unmute();
    }

    public void fireEnd() {
        end();
    }
}
