package org.peerstack.sfu.internal.forward;

/**
 * The last N RTP packets of one published stream (decrypted, as the publisher sent them), indexed by
 * sequence number, for answering subscribers' NACKs. A ring of preallocated slots: no allocation after
 * a slot's first use. I/O thread only.
 */
final class PacketCache {

    /** Largest packet kept (a 1500-byte MTU datagram). */
    static final int SLOT_BYTES = 1500;

    private final byte[][] slots;
    private final int[] lengths;
    private final int[] sequences;
    private final long[] storedNanos;
    private final int mask;

    PacketCache(int size) {
        if (Integer.bitCount(size) != 1) {
            throw new IllegalArgumentException("size must be a power of two: " + size);
        }
        slots = new byte[size][];
        lengths = new int[size];
        sequences = new int[size];
        storedNanos = new long[size];
        java.util.Arrays.fill(sequences, -1);
        mask = size - 1;
    }

    /** Keeps {@code data[off, off+len)} under {@code seq}, replacing what the slot held. */
    void put(int seq, byte[] data, int off, int len, long nowNanos) {
        if (len > SLOT_BYTES) {
            return;
        }
        int i = seq & mask;
        byte[] slot = slots[i];
        if (slot == null) {
            slot = new byte[SLOT_BYTES];
            slots[i] = slot;
        }
        System.arraycopy(data, off, slot, 0, len);
        lengths[i] = len;
        sequences[i] = seq;
        storedNanos[i] = nowNanos;
    }

    /** The slot holding {@code seq}, or -1 if it is gone (or never came). */
    int find(int seq) {
        int i = seq & mask;
        return sequences[i] == seq ? i : -1;
    }

    byte[] data(int slot) {
        return slots[slot];
    }

    int length(int slot) {
        return lengths[slot];
    }

    long storedNanos(int slot) {
        return storedNanos[slot];
    }

    /** Forgets everything (the source changed). */
    void clear() {
        java.util.Arrays.fill(sequences, -1);
    }
}
