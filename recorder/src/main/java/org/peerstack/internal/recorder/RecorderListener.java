package org.peerstack.internal.recorder;

import org.peerstack.exc.PeerstackException;

/**
 * Receives what a {@link RecorderEngine} produces. Every method runs on the recorder's worker thread,
 * one at a time, in this order: {@link #onStart} once; {@link #onData} for each chunk; on a failure
 * {@link #onError} once; the final chunk ({@link Chunk#last()}, unless delivery itself failed); and
 * {@link #onStop} last, exactly once, after all native memory is freed. An engine closed or stopped
 * before {@link RecorderEngine#start(long)} calls nothing.
 *
 * <p>Methods must be quick (the worker encodes nothing while they run) and must not call
 * {@link RecorderEngine#close()} or wait for the engine to stop. An exception thrown from
 * {@link #onData} is a write failure: the recording reports a
 * {@link org.peerstack.exc.ChunkDeliveryException} and stops; chunks delivered before stay intact.
 */
public interface RecorderListener {

    /** Encoding has begun; {@code mimeType} is what the recording writes. */
    void onStart(String mimeType);

    /** A chunk of the recording. Throwing here stops the recording with a delivery error. */
    void onData(Chunk chunk);

    /** The recording failed; it stops next (the final chunk and {@link #onStop} follow). */
    void onError(PeerstackException error);

    /** The recording has ended and its native memory is freed. */
    void onStop(RecorderStats stats);
}
