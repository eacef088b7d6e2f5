package org.peerstack.internal.recorder;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * A private copy of interleaved signed 16-bit PCM (native byte order), made on the producer's thread.
 *
 * @param samples     interleaved samples, {@code frames * channels} of them
 * @param sampleRate  samples per second per channel (Hz)
 * @param channels    channel count
 * @param timestampNs capture time of the first frame (nanoseconds, the same clock as the video)
 */
public record PcmChunk(short[] samples, int sampleRate, int channels, long timestampNs) {

    /** Lowest and highest accepted input sample rate (Hz). */
    public static final int MIN_SAMPLE_RATE = 8_000;
    public static final int MAX_SAMPLE_RATE = 384_000;
    /** Most accepted input channels. */
    public static final int MAX_CHANNELS = 8;

    /** Frames (samples per channel). */
    public int frames() {
        return samples.length / channels;
    }

    /** Duration (nanoseconds). */
    public long durationNs() {
        return frames() * 1_000_000_000L / sampleRate;
    }

    /** Bytes the copy holds (counted against the recorder's queue limit). */
    public int size() {
        return samples.length * 2;
    }

    /**
     * Copies {@code frames * channels} samples of 16-bit PCM from {@code pcm}'s position (the buffer's
     * own byte order is ignored: samples are in native order, as audio track sinks deliver them).
     *
     * @return the copy, or empty with {@code problem[0]} set when rate, channels or length are invalid
     */
    public static Optional<PcmChunk> copyOf(ByteBuffer pcm, int sampleRate, int channels, int frames,
                                           long timestampNs, String[] problem) {
        if (pcm == null) {
            problem[0] = "no PCM buffer";
            return Optional.empty();
        }
        if (sampleRate < MIN_SAMPLE_RATE || sampleRate > MAX_SAMPLE_RATE) {
            problem[0] = "sample rate " + sampleRate + " Hz outside " + MIN_SAMPLE_RATE + ".." + MAX_SAMPLE_RATE;
            return Optional.empty();
        }
        if (channels < 1 || channels > MAX_CHANNELS) {
            problem[0] = "channel count " + channels + " outside 1.." + MAX_CHANNELS;
            return Optional.empty();
        }
        if (frames <= 0 || (long) frames * channels * 2 > pcm.remaining() || frames > sampleRate * 10) {
            problem[0] = frames + " frames x " + channels + " channels do not fit " + pcm.remaining()
                    + " bytes (or exceed 10 s)";
            return Optional.empty();
        }
        short[] samples = new short[frames * channels];
        pcm.duplicate().order(ByteOrder.nativeOrder()).asShortBuffer().get(samples);
        return Optional.of(new PcmChunk(samples, sampleRate, channels, timestampNs));
    }
}
