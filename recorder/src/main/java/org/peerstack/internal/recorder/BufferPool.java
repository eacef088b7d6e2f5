package org.peerstack.internal.recorder;

import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reuses the arrays that hold queued video frames: producers take one per frame, the worker gives it
 * back after encoding. At 640x480@30 a recorder would otherwise allocate ~14 MB/s of short-lived
 * arrays (93 MB/s at 1080p), which makes the JVM grow its heap. Only arrays of the most recent size
 * are kept, at most {@link #MAX_IDLE} of them. Thread-safe.
 */
final class BufferPool {

    /** Most idle arrays kept (count). */
    static final int MAX_IDLE = 8;

    private final ConcurrentLinkedDeque<byte[]> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger idleCount = new AtomicInteger();
    private volatile int size = -1;

    /** An array of exactly {@code length} bytes (contents undefined). */
    byte[] take(int length) {
        if (length == size) {
            byte[] b = idle.pollFirst();
            if (b != null) {
                idleCount.decrementAndGet();
                if (b.length == length) {
                    return b;
                }
            }
        }
        return new byte[length];
    }

    /** Returns an array for reuse; arrays of another size than the latest replace the pool's size. */
    void give(byte[] b) {
        if (b.length != size) {
            size = b.length;
            idle.clear();
            idleCount.set(0);
        }
        if (idleCount.incrementAndGet() <= MAX_IDLE) {
            idle.addFirst(b);
        } else {
            idleCount.decrementAndGet();
        }
    }
}
