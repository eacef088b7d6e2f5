package org.peerstack.internal.media;

import java.util.concurrent.ScheduledExecutorService;
import org.peerstack.config.MediaConfig;
import org.peerstack.media.AudioData;
import org.peerstack.media.MediaKind;
import org.peerstack.media.MediaTrackCapabilities;
import org.peerstack.media.MediaTrackSettings;

/**
 * The fake microphone: a sine beep ({@code media.fake-microphone-tone-hz}) of
 * {@code fake-microphone-beep-ms} every {@code fake-microphone-period-ms}, silence in between, as 10 ms
 * chunks of 16-bit PCM at the selected rate and channel count.
 */
final class FakeMicrophoneSource extends PeriodicSource {

    /** Peak amplitude of the beep (fraction of full scale). */
    static final double AMPLITUDE = 0.5;
    static final int MIN_SAMPLE_RATE = 8_000;
    static final int MAX_SAMPLE_RATE = 48_000;
    static final int DEFAULT_SAMPLE_RATE = 48_000;
    static final int MAX_CHANNELS = 2;
    /** Latency of a 10 ms chunk (seconds). */
    static final double LATENCY = AudioData.CHUNK_MS / 1000.0;

    private final MediaConfig config;
    private final String deviceId;
    private final String groupId;
    private volatile MediaTrackSettings current;
    private long samplesSent;

    FakeMicrophoneSource(MediaConfig config, String deviceId, String groupId, ScheduledExecutorService scheduler) {
        super(MediaKind.AUDIO, FakeDevices.MICROPHONE_LABEL, scheduler);
        this.config = config;
        this.deviceId = deviceId;
        this.groupId = groupId;
    }

    static MediaTrackCapabilities capabilities(String deviceId, String groupId) {
        return MediaTrackCapabilities.newBuilder()
                .sampleRate(MIN_SAMPLE_RATE, MAX_SAMPLE_RATE)
                .sampleSize(AudioData.BITS_PER_SAMPLE, AudioData.BITS_PER_SAMPLE)
                .channelCount(1, MAX_CHANNELS)
                .echoCancellation(true, false)
                .autoGainControl(true, false)
                .noiseSuppression(true, false)
                .latency(LATENCY, LATENCY)
                .deviceId(deviceId)
                .groupId(groupId)
                .build();
    }

    @Override
    public MediaTrackCapabilities capabilities() {
        return capabilities(deviceId, groupId);
    }

    @Override
    protected MediaTrackSettings defaultSettings() {
        return MediaTrackSettings.newBuilder()
                .sampleRate(DEFAULT_SAMPLE_RATE)
                .sampleSize(AudioData.BITS_PER_SAMPLE)
                .channelCount(1)
                .echoCancellation(true)
                .autoGainControl(true)
                .noiseSuppression(true)
                .latency(LATENCY)
                .deviceId(deviceId)
                .groupId(groupId)
                .build();
    }

    @Override
    protected void onStart(MediaTrackSettings settings) {
        current = settings;
        schedule(AudioData.CHUNK_MS * 1_000_000L);
    }

    @Override
    protected void onReconfigure(MediaTrackSettings settings) {
        current = settings;
    }

    @Override
    void tick() {
        MediaTrackSettings s = current;
        int rate = s.sampleRate().orElseThrow();
        int channels = s.channelCount().orElseThrow();
        int frames = rate * AudioData.CHUNK_MS / 1000;
        long start = samplesSent;
        samplesSent += frames;
        if (!hasSinks()) {
            return;
        }
        short[] pcm = new short[frames * channels];
        long periodSamples = (long) rate * config.fakeMicrophonePeriodMs() / 1000;
        long beepSamples = (long) rate * config.fakeMicrophoneBeepMs() / 1000;
        double step = 2 * Math.PI * config.fakeMicrophoneToneHz() / rate;
        for (int i = 0; i < frames; i++) {
            long t = start + i;
            short v = t % periodSamples < beepSamples
                    ? (short) Math.round(Math.sin(step * t) * AMPLITUDE * Short.MAX_VALUE) : 0;
            for (int c = 0; c < channels; c++) {
                pcm[i * channels + c] = v;
            }
        }
        deliverAudio(AudioData.of(pcm, rate, channels, start * 1_000_000L / rate));
    }
}
