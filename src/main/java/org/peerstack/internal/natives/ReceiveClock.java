package org.peerstack.internal.natives;

import dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule;

/**
 * The 10 ms clock that decodes remote audio on a headless engine, and the bookkeeping that keeps it
 * running whatever the engine sends.
 *
 * <p>Why it is needed (webrtc-java 0.14.0, read from its sources and measured):
 * <ul>
 *   <li>libwebrtc decodes remote audio only when something pulls mixed playout audio from its audio
 *       transport every 10 ms. A sound card's playout does that; without one, the headless module can.</li>
 *   <li>The headless module's playout pulls through its device buffer. {@link NativeFactory} starts playout
 *       <em>before</em> the factory exists, so the buffer refuses the factory's transport ("media was
 *       active") and never has one. That is deliberate: the same buffer would also hand the module's
 *       recorded audio to every audio send stream, beside the {@code CustomAudioSource}s that feed them,
 *       and two feeds of one send stream abort the JVM ({@code audio_send_stream.cc} race check).</li>
 *   <li>The module's <em>recording</em> loop pulls playout audio straight from the transport the factory
 *       registered (which decodes every remote track into its sinks) and hands its recorded buffer to the
 *       transport-less device buffer, which drops it. So recording is the receive clock, and it can never
 *       feed a send stream.</li>
 *   <li>libwebrtc starts that loop when an audio send stream starts and <em>stops</em> it when the
 *       engine's last audio send stream stops. That is why remote audio used to be decoded only while the
 *       same engine also sent audio.</li>
 * </ul>
 *
 * <p>So the clock is started with the engine, and started again whenever the engine's last audio feed
 * closes: libwebrtc stops a send stream before its source can be freed, so once no audio feed exists no
 * send stream is left that libwebrtc could start or stop, and starting the loop cannot overlap one of
 * its own start/stop calls. Starting a running loop does nothing.
 *
 * <p>Known limit: an audio sender that stops sending while its feed stays (its direction negotiated to
 * {@code recvonly} or {@code inactive}) stops the clock if it was the engine's last sending one; the
 * clock runs again when that feed closes or another audio sender starts.
 */
final class ReceiveClock {

    private final HeadlessAudioDeviceModule module;
    /** Audio feeds (custom audio sources) alive on the engine; guarded by {@code this}. */
    private int audioFeeds;
    private boolean closed;

    ReceiveClock(HeadlessAudioDeviceModule module) {
        this.module = module;
    }

    /** Starts the loop; called once the factory has registered its audio transport. */
    synchronized void start() {
        module.initRecording();
        module.startRecording();
    }

    /** An audio source that may feed a send stream was created. */
    synchronized void audioFeedOpened() {
        audioFeeds++;
    }

    /** An audio feed was freed (after its sender let go of it): the last one restarts the clock. */
    synchronized void audioFeedClosed() {
        audioFeeds--;
        if (audioFeeds == 0 && !closed) {
            module.startRecording();
        }
    }

    /** No more restarts: the factory is being disposed. */
    synchronized void close() {
        closed = true;
    }
}
