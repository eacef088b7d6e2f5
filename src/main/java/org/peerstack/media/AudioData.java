package org.peerstack.media;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.util.Objects;
import org.peerstack.exc.TypeException;

/**
 * One chunk of audio (normally 10 ms): signed 16-bit PCM, channels interleaved, little-endian.
 * Immutable and on the Java heap; keep it as long as needed.
 */
public final class AudioData {

    /** Bits per sample of every chunk. */
    public static final int BITS_PER_SAMPLE = 16;
    /** Duration of one chunk delivered by peerstack sources (milliseconds). */
    public static final int CHUNK_MS = 10;

    private final byte[] pcm;
    private final int sampleRate;
    private final int channelCount;
    private final long timestampUs;

    private AudioData(byte[] pcm, int sampleRate, int channelCount, long timestampUs) {
        this.pcm = pcm;
        this.sampleRate = sampleRate;
        this.channelCount = channelCount;
        this.timestampUs = timestampUs;
    }

    /**
     * Wraps a copy of {@code samples} (interleaved).
     *
     * @throws TypeException if the rate or channel count is not positive or the length is not a whole
     *                       number of frames
     */
    public static AudioData of(short[] samples, int sampleRate, int channelCount, long timestampUs) {
        Objects.requireNonNull(samples, "samples");
        check(samples.length, sampleRate, channelCount);
        ByteBuffer b = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.asShortBuffer().put(samples);
        return new AudioData(b.array(), sampleRate, channelCount, timestampUs);
    }

    /** Wraps a copy of 16-bit little-endian interleaved PCM bytes. */
    public static AudioData ofBytes(byte[] pcm, int sampleRate, int channelCount, long timestampUs) {
        Objects.requireNonNull(pcm, "pcm");
        if (pcm.length % 2 != 0) {
            throw new TypeException("16-bit PCM needs an even number of bytes (got " + pcm.length + ")");
        }
        check(pcm.length / 2, sampleRate, channelCount);
        return new AudioData(pcm.clone(), sampleRate, channelCount, timestampUs);
    }

    /** {@code frames} frames of silence. */
    public static AudioData silence(int frames, int sampleRate, int channelCount, long timestampUs) {
        check(frames * channelCount, sampleRate, channelCount);
        return new AudioData(new byte[frames * channelCount * 2], sampleRate, channelCount, timestampUs);
    }

    private static void check(int samples, int sampleRate, int channelCount) {
        if (sampleRate <= 0 || channelCount <= 0) {
            throw new TypeException("sample rate and channel count must be positive (got " + sampleRate + ", "
                    + channelCount + ")");
        }
        if (samples % channelCount != 0) {
            throw new TypeException(samples + " samples is not a whole number of " + channelCount + "-channel frames");
        }
    }

    /** The samples, interleaved, as a read-only view. */
    public ShortBuffer samples() {
        return ByteBuffer.wrap(pcm).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().asReadOnlyBuffer();
    }

    /** A copy of the PCM bytes (16-bit little-endian, interleaved), e.g. for {@code CustomAudioSource.pushAudio}. */
    public byte[] copyBytes() {
        return pcm.clone();
    }

    /** Samples per second per channel (Hz). */
    public int sampleRate() {
        return sampleRate;
    }

    public int channelCount() {
        return channelCount;
    }

    /** Frames (samples per channel) in this chunk. */
    public int frameCount() {
        return pcm.length / 2 / channelCount;
    }

    /** Capture time of the first sample (microseconds, monotonic clock of the source). */
    public long timestampUs() {
        return timestampUs;
    }

    /** True if every sample is zero. */
    public boolean isSilent() {
        for (byte b : pcm) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "AudioData[" + frameCount() + " frames, " + sampleRate + " Hz, " + channelCount + " ch, t="
                + timestampUs + " us]";
    }
}
