package org.peerstack.sfu;

import org.peerstack.sfu.internal.forward.MediaEngine;
import org.peerstack.sfu.internal.forward.RoomState;

/**
 * A listener attached to one published track by {@link SfuRoom#tap(String, SfuRtpListener)}: it can ask
 * the publisher for a keyframe, and {@link #close()} detaches it. Thread-safe; close is idempotent.
 */
public final class SfuTap implements AutoCloseable {

    private final MediaEngine engine;
    private final RoomState state;
    private final SfuTrack track;
    private final SfuRtpListener listener;
    private volatile boolean closed;

    SfuTap(MediaEngine engine, RoomState state, SfuTrack track, SfuRtpListener listener) {
        this.engine = engine;
        this.state = state;
        this.track = track;
        this.listener = listener;
    }

    public SfuTrack track() {
        return track;
    }

    /** Asks the publisher for a keyframe (rate-limited like subscribers' requests); no-op for audio. */
    public void requestKeyframe() {
        if (!closed) {
            engine.execute(() -> state.requestKeyframe(track.id()));
        }
    }

    /** Detaches the listener; packets already being delivered may still arrive. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            engine.execute(() -> state.removeTap(track.id(), listener));
        }
    }
}
