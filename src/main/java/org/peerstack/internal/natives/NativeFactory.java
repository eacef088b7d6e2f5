package org.peerstack.internal.natives;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.media.audio.AudioDeviceModule;
import dev.onvoid.webrtc.media.audio.AudioDeviceModuleBase;
import dev.onvoid.webrtc.media.audio.AudioLayer;
import dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule;
import java.util.Objects;
import org.peerstack.config.AudioMode;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A webrtc-java {@link PeerConnectionFactory} together with the audio device module it must own.
 *
 * <p>{@code new PeerConnectionFactory()} without an audio device module aborts the JVM on a machine
 * with no sound card ("Failed to initialize the ADM"), so this type always passes one:
 * <ul>
 *   <li>{@link AudioMode#DUMMY}: libwebrtc's dummy module. It never touches a sound server and
 *       cannot take part in the headless-audio race, so it is safe for video, data and sending
 *       synthetic audio; remote audio is not decoded.</li>
 *   <li>{@link AudioMode#HEADLESS}: webrtc-java's headless module, which decodes remote audio
 *       (playout is started here). Do not send audio from a {@code CustomAudioSource} on such a
 *       factory: webrtc-java 0.14.0 aborts the JVM in {@code audio_send_stream.cc}.</li>
 * </ul>
 *
 * <p>{@link #close()} is idempotent and disposes in the only safe order: the factory first, then the
 * audio device module. Peer connections, tracks and sources made by the factory must be released
 * before (see {@code NativeTeardown} in the tests for the whole order).
 */
public final class NativeFactory implements AutoCloseable {

    private final AudioMode audioMode;
    private final AudioDeviceModuleBase audioDeviceModule;
    private final PeerConnectionFactory factory;
    private final AtomicBoolean closed = new AtomicBoolean();

    private NativeFactory(AudioMode audioMode) {
        WebRtcNatives.load();
        this.audioMode = audioMode;
        if (audioMode == AudioMode.HEADLESS) {
            HeadlessAudioDeviceModule headless = new HeadlessAudioDeviceModule();
            headless.initPlayout();
            headless.startPlayout();
            this.audioDeviceModule = headless;
        } else {
            this.audioDeviceModule = new AudioDeviceModule(AudioLayer.kDummyAudio);
        }
        this.factory = new PeerConnectionFactory(audioDeviceModule);
    }

    /** Creates a factory backed by the given audio device module. */
    public static NativeFactory create(AudioMode audioMode) {
        return new NativeFactory(Objects.requireNonNull(audioMode, "audioMode"));
    }

    public AudioMode audioMode() {
        return audioMode;
    }

    /** The underlying factory; valid until {@link #close()}. */
    public PeerConnectionFactory factory() {
        if (closed.get()) {
            throw new IllegalStateException("NativeFactory is closed");
        }
        return factory;
    }

    public AudioDeviceModuleBase audioDeviceModule() {
        return audioDeviceModule;
    }

    public boolean isClosed() {
        return closed.get();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        factory.dispose();
        if (audioMode == AudioMode.HEADLESS) {
            audioDeviceModule.stopPlayout();
        }
        audioDeviceModule.dispose();
    }
}
