package org.peerstack.internal.media;

import dev.onvoid.webrtc.media.audio.AudioDevice;
import dev.onvoid.webrtc.media.audio.AudioDeviceModule;
import org.peerstack.media.AudioData;
import org.peerstack.media.MediaKind;
import org.peerstack.media.MediaTrackCapabilities;
import org.peerstack.media.MediaTrackSettings;
import org.peerstack.media.MediaTrackSource;

/**
 * A real microphone through webrtc-java's audio device module (PulseAudio on Linux). Listed only when a
 * PulseAudio server is reachable ({@link NativeProbe#pulseServerReachable}); libwebrtc records 10 ms
 * chunks of 16-bit PCM at 48 kHz, delivered on its audio thread.
 */
final class NativeMicrophoneSource extends MediaTrackSource {

    /** Rate libwebrtc's module records at (Hz). */
    static final int SAMPLE_RATE = 48_000;

    private final AudioDevice device;
    private final String deviceId;
    private final String groupId;
    private AudioDeviceModule module;

    NativeMicrophoneSource(AudioDevice device, String deviceId, String groupId) {
        super(MediaKind.AUDIO, device.getName());
        this.device = device;
        this.deviceId = deviceId;
        this.groupId = groupId;
    }

    static MediaTrackCapabilities capabilities(String deviceId, String groupId) {
        return MediaTrackCapabilities.newBuilder().sampleRate(SAMPLE_RATE, SAMPLE_RATE)
                .sampleSize(AudioData.BITS_PER_SAMPLE, AudioData.BITS_PER_SAMPLE).channelCount(1, 2)
                .echoCancellation(false).autoGainControl(false).noiseSuppression(false)
                .deviceId(deviceId).groupId(groupId).build();
    }

    @Override
    public MediaTrackCapabilities capabilities() {
        return capabilities(deviceId, groupId);
    }

    @Override
    protected MediaTrackSettings defaultSettings() {
        return MediaTrackSettings.newBuilder().sampleRate(SAMPLE_RATE).sampleSize(AudioData.BITS_PER_SAMPLE)
                .channelCount(1).echoCancellation(false).autoGainControl(false).noiseSuppression(false)
                .deviceId(deviceId).groupId(groupId).build();
    }

    @Override
    protected synchronized void onStart(MediaTrackSettings settings) {
        module = new AudioDeviceModule();
        module.setRecordingDevice(device);
        module.setAudioSink((data, samples, bytesPerSample, channels, rate, delayMs, drift) -> {
            int bytes = samples * channels * 2;
            byte[] pcm = bytes == data.length ? data : java.util.Arrays.copyOf(data, bytes);
            deliverAudio(AudioData.ofBytes(pcm, rate, channels, System.nanoTime() / 1000));
        });
        module.initRecording();
        module.startRecording();
    }

    @Override
    protected synchronized void onStop() {
        if (module != null) {
            module.stopRecording();
            module.dispose();
            module = null;
        }
    }
}
