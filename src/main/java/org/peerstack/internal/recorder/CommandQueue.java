package org.peerstack.internal.recorder;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The recorder's input queue, bounded in bytes and in items for media; control commands always get in.
 * Many producers, one consumer (the worker).
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
            while (items.isEmpty()) {
                if (remaining <= 0) {
                    return null;
                }
                remaining = notEmpty.awaitNanos(remaining);
            }
            Command c = items.removeFirst();
            if (c.bytes() > 0 || c instanceof Command.Video || c instanceof Command.Audio) {
                bytes -= c.bytes();
                mediaItems--;
                notFull.signalAll();
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

    long queuedBytes() {
        lock.lock();
        try {
            return bytes;
        } finally {
            lock.unlock();
        }
    }
}
