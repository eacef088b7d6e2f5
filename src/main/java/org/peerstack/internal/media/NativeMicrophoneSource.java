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
 * chunks of 16-bit PCM, delivered on its audio thread, at the server's rate: 48 kHz is what the source
 * offers, and when the first chunk shows another rate or channel count (Debian's daemon runs at
 * 44.1 kHz) the track's settings change to the truth.
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
        return settings(SAMPLE_RATE, 1);
    }

    private MediaTrackSettings settings(int rate, int channels) {
        return MediaTrackSettings.newBuilder().sampleRate(rate).sampleSize(AudioData.BITS_PER_SAMPLE)
                .channelCount(channels).echoCancellation(false).autoGainControl(false).noiseSuppression(false)
                .deviceId(deviceId).groupId(groupId).build();
    }

    @Override
    protected synchronized void onStart(MediaTrackSettings settings) {
        module = new AudioDeviceModule();
        module.setRecordingDevice(device);
        module.setAudioSink((data, samples, bytesPerSample, channels, rate, delayMs, drift) -> {
            MediaTrackSettings now = settings();
            if (now.sampleRate().orElse(0) != rate || now.channelCount().orElse(0) != channels) {
                settingsChanged(settings(rate, channels));
            }
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
