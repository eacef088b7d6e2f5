package org.peerstack.demo;

import java.time.Duration;
import java.util.Optional;
import org.peerstack.rtc.PerfectNegotiation;
import org.peerstack.rtc.RTCPeerConnection;

/**
 * One other member of the room and the peer connection to it (a {@link Room} keeps one per member:
 * a mesh). Created by the room; bots get it in {@link Room.Handler#peerCreated}, where they add their
 * tracks and data channels (see {@link Room} for when that happens).
 */
public final class Peer {

    private final String id;
    private final String name;
    private final RTCPeerConnection pc;
    private final long createdNanos = System.nanoTime();
    private volatile long connectedNanos;
    private final boolean caller;
    private final java.util.concurrent.atomic.AtomicBoolean started = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile PerfectNegotiation negotiation;

    Peer(String id, String name, RTCPeerConnection pc, boolean caller) {
        this.id = id;
        this.name = name;
        this.pc = pc;
        this.caller = caller;
    }

    /** Whether we called this member (we joined after it) rather than it calling us. */
    public boolean isCaller() {
        return caller;
    }

    /** True the first time only: the handler is told about this peer once. */
    boolean start() {
        return started.compareAndSet(false, true);
    }

    /** The member's peer id, assigned by the signaling server. */
    public String id() {
        return id;
    }

    /** The member's display name, or its id when it gave none. */
    public String name() {
        return name == null || name.isBlank() ? id : name;
    }

    /** The peer connection to this member. */
    public RTCPeerConnection pc() {
        return pc;
    }

    /** Time from creating the connection to its first {@code connected} state, once it got there. */
    public Optional<Duration> connectTime() {
        long at = connectedNanos;
        return at == 0 ? Optional.empty() : Optional.of(Duration.ofNanos(at - createdNanos));
    }

    void connected() {
        if (connectedNanos == 0) {
            connectedNanos = System.nanoTime();
        }
    }

    PerfectNegotiation negotiation() {
        return negotiation;
    }

    void negotiation(PerfectNegotiation negotiation) {
        this.negotiation = negotiation;
    }

    @Override
    public String toString() {
        return "Peer[" + name() + ", " + pc.connectionState().token() + "]";
    }
}
