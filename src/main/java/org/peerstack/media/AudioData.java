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
     * @param samples signed 16-bit samples, channels interleaved; copied, so the caller may reuse the array
     * @param sampleRate samples per second per channel (Hz), positive
     * @param channelCount number of interleaved channels, positive
     * @param timestampUs capture time of the first sample (microseconds, the source's monotonic clock)
     * @return the chunk
     * @throws NullPointerException if {@code samples} is null
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

    /**
     * Wraps a copy of 16-bit little-endian interleaved PCM bytes.
     *
     * @param pcm the bytes, two per sample; copied, so the caller may reuse the array
     * @param sampleRate samples per second per channel (Hz), positive
     * @param channelCount number of interleaved channels, positive
     * @param timestampUs capture time of the first sample (microseconds, the source's monotonic clock)
     * @return the chunk
     * @throws NullPointerException if {@code pcm} is null
     * @throws TypeException if the length is odd, the rate or channel count is not positive, or the length is not a
     *     whole number of frames
     */
    public static AudioData ofBytes(byte[] pcm, int sampleRate, int channelCount, long timestampUs) {
        Objects.requireNonNull(pcm, "pcm");
        if (pcm.length % 2 != 0) {
            throw new TypeException("16-bit PCM needs an even number of bytes (got " + pcm.length + ")");
        }
        check(pcm.length / 2, sampleRate, channelCount);
        return new AudioData(pcm.clone(), sampleRate, channelCount, timestampUs);
    }

    /**
     * {@code frames} frames of silence (all samples zero), e.g. to fill a gap.
     *
     * @param frames samples per channel, not negative
     * @param sampleRate samples per second per channel (Hz), positive
     * @param channelCount number of interleaved channels, positive
     * @param timestampUs capture time of the first sample (microseconds, the source's monotonic clock)
     * @return the chunk
     * @throws TypeException if the rate or channel count is not positive
     */
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

    /**
     * The samples, interleaved, as a read-only view of this chunk's memory (no copy).
     *
     * @return a new read-only buffer positioned at the first sample, {@code frameCount() * channelCount()} samples
     *     long
     */
    public ShortBuffer samples() {
        return ByteBuffer.wrap(pcm).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().asReadOnlyBuffer();
    }

    /**
     * A copy of the PCM bytes, e.g. for {@code CustomAudioSource.pushAudio}.
     *
     * @return a new array of 16-bit little-endian interleaved samples
     */
    public byte[] copyBytes() {
        return pcm.clone();
    }

    /**
     * The sample rate.
     *
     * @return samples per second per channel (Hz), positive
     */
    public int sampleRate() {
        return sampleRate;
    }

    /**
     * The number of interleaved channels (1 mono, 2 stereo).
     *
     * @return the channel count, positive
     */
    public int channelCount() {
        return channelCount;
    }

    /**
     * The length of this chunk in frames; the duration is {@code frameCount() / sampleRate()} seconds.
     *
     * @return samples per channel, e.g. 480 for 10 ms at 48 kHz
     */
    public int frameCount() {
        return pcm.length / 2 / channelCount;
    }

    /**
     * Capture time of the first sample on the source's monotonic clock; only differences between chunks of one
     * source are meaningful.
     *
     * @return the timestamp (microseconds)
     */
    public long timestampUs() {
        return timestampUs;
    }

    /**
     * Whether every sample is zero, as for a disabled track or {@link #silence}.
     *
     * @return true if the chunk is digital silence
     */
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
