package org.peerstack.media;

/**
 * Receives the audio of a track as {@link AudioData} chunks of 10 ms of 16-bit PCM. Register with
 * {@link MediaStreamTrack#addSink(AudioSink)}.
 *
 * <p><b>Threading:</b> called on the source's thread, one chunk at a time, in order; must return
 * quickly (well under 10 ms). {@link AudioData} is immutable and on the Java heap: it may be kept
 * without any release. A sink that throws is logged; the other sinks still get the data.
 */
@FunctionalInterface
public interface AudioSink {

    /**
     * Receives one chunk, on the source's thread.
     *
     * @param data the chunk; immutable, may be kept
     */
    void onData(AudioData data);
}
