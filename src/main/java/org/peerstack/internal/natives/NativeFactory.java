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
 *   <li>{@link AudioMode#HEADLESS} (the default): webrtc-java's headless module. It decodes remote
 *       audio into the remote tracks' sinks whether or not the engine sends audio, and sending audio
 *       from {@code CustomAudioSource}s is safe. The order of calls that gives both is explained in
 *       {@link ReceiveClock}: playout is started before the factory exists, the module's recording loop
 *       after.</li>
 *   <li>{@link AudioMode#DUMMY}: libwebrtc's dummy module, which decodes no remote audio; for engines
 *       that carry only video, data or outgoing audio.</li>
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
    /** The headless module's receive clock, or null in dummy mode. */
    private final ReceiveClock receiveClock;
    private final AtomicBoolean closed = new AtomicBoolean();

    private NativeFactory(AudioMode audioMode) {
        WebRtcNatives.load();
        this.audioMode = audioMode;
        if (audioMode == AudioMode.HEADLESS) {
            HeadlessAudioDeviceModule headless = new HeadlessAudioDeviceModule();
            // Before the factory: the module's device buffer then never takes the factory's audio transport,
            // so recorded audio can never reach a send stream (see ReceiveClock).
            headless.initPlayout();
            headless.startPlayout();
            this.audioDeviceModule = headless;
            this.factory = new PeerConnectionFactory(audioDeviceModule);
            this.receiveClock = new ReceiveClock(headless);
            receiveClock.start();
        } else {
            this.audioDeviceModule = new AudioDeviceModule(AudioLayer.kDummyAudio);
            this.factory = new PeerConnectionFactory(audioDeviceModule);
            this.receiveClock = null;
        }
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

    /**
     * A custom audio source that may feed a send stream was created on this factory; pair with
     * {@link #audioFeedClosed()} once it is freed.
     */
    public void audioFeedOpened() {
        if (receiveClock != null) {
            receiveClock.audioFeedOpened();
        }
    }

    /** A custom audio source of this factory was freed (its sender had let go of it). */
    public void audioFeedClosed() {
        if (receiveClock != null && !closed.get()) {
            receiveClock.audioFeedClosed();
        }
    }

    public boolean isClosed() {
        return closed.get();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (receiveClock != null) {
            receiveClock.close();
        }
        factory.dispose();
        if (audioMode == AudioMode.HEADLESS) {
            audioDeviceModule.stopPlayout();
        }
        audioDeviceModule.dispose();
    }
}
