package org.peerstack.sfu.recorder.internal;

import java.util.Map;
import java.util.TreeMap;

/**
 * Puts one stream's packets back in sequence-number order. A missing packet is waited for until the
 * oldest packet held has waited {@code maxDelayNanos} (the SFU's NACKs may still bring it back) or more
 * than {@code maxPackets} are held; then it is declared lost and the next packet goes out flagged
 * {@code lossBefore}. Late packets (behind what already went out) and duplicates are dropped.
 */
final class ReorderBuffer {

    interface Output {
        void packet(byte[] packet, boolean lossBefore, long arrivalNanos);
    }

    private record Held(byte[] data, long arrivalNanos) {
    }

    private final int maxPackets;
    private final long maxDelayNanos;
    private final TreeMap<Long, Held> held = new TreeMap<>();
    private long highest = -1;
    private long next = -1;
    private boolean lossPending;
    private long lost;
    private long late;

    ReorderBuffer(int maxPackets, long maxDelayNanos) {
        this.maxPackets = maxPackets;
        this.maxDelayNanos = maxDelayNanos;
    }

    void add(byte[] packet, long arrivalNanos) {
        int seq = Rtp.sequenceNumber(packet, 0);
        long ext;
        if (highest < 0) {
            ext = (1L << 32) + seq;
        } else {
            int delta = (short) (seq - (int) (highest & 0xFFFF));
            ext = highest + delta;
        }
        if (next >= 0 && ext < next) {
            late++;
            return;
        }
        highest = Math.max(highest, ext);
        if (next < 0) {
            next = ext;
        }
        held.putIfAbsent(ext, new Held(packet, arrivalNanos));
    }

    /** Emits what is in order, declaring losses as described above; {@code force} gives up on every gap. */
    void drain(long nowNanos, boolean force, Output out) {
        while (!held.isEmpty()) {
            Map.Entry<Long, Held> first = held.firstEntry();
            long seq = first.getKey();
            if (seq == next) {
                held.pollFirstEntry();
                out.packet(first.getValue().data, lossPending, first.getValue().arrivalNanos);
                lossPending = false;
                next++;
            } else if (force || held.size() > maxPackets || nowNanos - first.getValue().arrivalNanos > maxDelayNanos) {
                lost += seq - next;
                lossPending = true;
                next = seq;
            } else {
                return;
            }
        }
    }

    /** Forgets everything (a new source with its own sequence numbers). */
    void reset() {
        held.clear();
        highest = -1;
        next = -1;
        lossPending = false;
    }

    long lost() {
        return lost;
    }

    long late() {
        return late;
    }
}
