package org.peerstack.testing;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.peerstack.media.AudioData;
import org.peerstack.media.AudioSink;
import org.peerstack.media.VideoFrame;
import org.peerstack.media.VideoSink;

/**
 * A sink that records a summary of each frame or audio chunk it sees (never the frame itself), and
 * lets a test wait for the next one.
 */
public final class FrameProbe implements VideoSink, AudioSink {

    /** What a video frame looked like during the sink call. */
    public record Seen(int width, int height, long timestampNs, boolean black, VideoFrame frame) {
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private final LinkedBlockingQueue<Seen> frames = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<AudioData> audio = new LinkedBlockingQueue<>();

    @Override
    public void onFrame(VideoFrame frame) {
        frames.add(new Seen(frame.width(), frame.height(), frame.timestampNs(), isBlack(frame), frame));
    }

    @Override
    public void onData(AudioData data) {
        audio.add(data);
    }

    /** True if every luma sample is 16 (black) and chroma is neutral. */
    public static boolean isBlack(VideoFrame frame) {
        return all(frame.dataY(), frame.strideY(), frame.width(), frame.height(), 16)
                && all(frame.dataU(), frame.strideU(), (frame.width() + 1) / 2, (frame.height() + 1) / 2, 128);
    }

    private static boolean all(ByteBuffer plane, int stride, int width, int height, int value) {
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if ((plane.get(y * stride + x) & 0xff) != value) {
                    return false;
                }
            }
        }
        return true;
    }

    public Seen nextFrame() {
        return poll(frames, "video frame");
    }

    public AudioData nextAudio() {
        return poll(audio, "audio chunk");
    }

    /** Drops what was recorded so far. */
    public void clear() {
        frames.clear();
        audio.clear();
    }

    private static <T> T poll(LinkedBlockingQueue<T> queue, String what) {
        try {
            T t = queue.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (t == null) {
                throw new AssertionError("no " + what + " within " + TIMEOUT.toSeconds() + " s");
            }
            return t;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
