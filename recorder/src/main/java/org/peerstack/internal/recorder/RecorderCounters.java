package org.peerstack.internal.recorder;

import java.util.concurrent.atomic.AtomicLong;

/** The live counters behind {@link RecorderStats}; producers and the worker both update them. */
final class RecorderCounters {

    final AtomicLong videoFramesEncoded = new AtomicLong();
    final AtomicLong videoFramesInvalid = new AtomicLong();
    final AtomicLong videoFramesMisTimed = new AtomicLong();
    final AtomicLong videoJumpsClosed = new AtomicLong();
    final AtomicLong videoFramesRescaled = new AtomicLong();
    final AtomicLong audioBuffersEncoded = new AtomicLong();
    final AtomicLong audioBuffersInvalid = new AtomicLong();
    final AtomicLong audioBuffersMisTimed = new AtomicLong();
    final AtomicLong audioSilenceMs = new AtomicLong();
    final AtomicLong droppedWhilePaused = new AtomicLong();
    final AtomicLong chunks = new AtomicLong();
    final AtomicLong bytes = new AtomicLong();
    final AtomicLong workerIdleMs = new AtomicLong();

    RecorderStats snapshot() {
        return new RecorderStats(videoFramesEncoded.get(), videoFramesInvalid.get(), videoFramesMisTimed.get(),
                videoJumpsClosed.get(), videoFramesRescaled.get(), audioBuffersEncoded.get(),
                audioBuffersInvalid.get(), audioBuffersMisTimed.get(), audioSilenceMs.get(), droppedWhilePaused.get(), chunks.get(),
                bytes.get(), workerIdleMs.get());
    }
}
