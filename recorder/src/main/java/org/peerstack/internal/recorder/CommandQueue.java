package org.peerstack.internal.recorder;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The recorder's input queue, bounded in bytes and in items for media; control commands always get in.
 * Many producers, one consumer (the worker). Producers waiting for room are woken when the queue is
 * half empty again.
 */
final class CommandQueue {

    private final long maxBytes;
    private final int maxItems;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private final ArrayDeque<Command> items = new ArrayDeque<>();
    private long bytes;
    private int mediaItems;
    private boolean closed;
    private long waitedNanos;

    CommandQueue(long maxBytes, int maxItems) {
        this.maxBytes = maxBytes;
        this.maxItems = maxItems;
    }

    /**
     * Adds a media command, waiting up to {@code waitNanos} for room.
     *
     * @return true if queued; false if the queue stayed full (or is closed)
     */
    boolean offerMedia(Command media, long waitNanos) throws InterruptedException {
        lock.lock();
        try {
            long remaining = waitNanos;
            while (!closed && !hasRoom(media.bytes())) {
                if (remaining <= 0) {
                    return false;
                }
                remaining = notFull.awaitNanos(remaining);
            }
            if (closed) {
                return false;
            }
            items.addLast(media);
            bytes += media.bytes();
            mediaItems++;
            notEmpty.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    private boolean hasRoom(int size) {
        return mediaItems == 0 || (bytes + size <= maxBytes && mediaItems < maxItems);
    }

    /** Adds a control command regardless of the limits. */
    void putControl(Command control) {
        lock.lock();
        try {
            items.addLast(control);
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Next command, or null after {@code timeoutMs} without one. */
    Command poll(long timeoutMs) throws InterruptedException {
        lock.lock();
        try {
            long remaining = TimeUnit.MILLISECONDS.toNanos(timeoutMs);
            if (items.isEmpty()) {
                long t0 = System.nanoTime();
                while (items.isEmpty() && remaining > 0) {
                    remaining = notEmpty.awaitNanos(remaining);
                }
                waitedNanos += System.nanoTime() - t0;
                if (items.isEmpty()) {
                    return null;
                }
            }
            Command c = items.removeFirst();
            if (c instanceof Command.Video || c instanceof Command.Audio) {
                bytes -= c.bytes();
                mediaItems--;
                // Wake waiting producers only once the queue is half empty: they refill it in one go
                // instead of a thread hand-off per frame.
                if (bytes <= maxBytes / 2 && mediaItems <= maxItems / 2) {
                    notFull.signalAll();
                }
            }
            return c;
        } finally {
            lock.unlock();
        }
    }

    /** Refuses further media and wakes waiting producers; queued commands stay for the worker. */
    void close() {
        lock.lock();
        try {
            closed = true;
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Drops everything still queued (after the worker ended). */
    void clear() {
        lock.lock();
        try {
            items.clear();
            bytes = 0;
            mediaItems = 0;
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Total time the consumer waited for a command (nanoseconds). */
    long waitedNanos() {
        lock.lock();
        try {
            return waitedNanos;
        } finally {
            lock.unlock();
        }
    }

    long queuedBytes() {
        lock.lock();
        try {
            return bytes;
        } finally {
            lock.unlock();
        }
    }
}
