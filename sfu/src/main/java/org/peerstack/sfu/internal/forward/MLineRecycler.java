package org.peerstack.sfu.internal.forward;

import java.util.ArrayList;
import java.util.List;

/**
 * Which m-line a new track takes on a room member's single connection (RFC 8829 §5.2.2: an m-line is
 * recycled only once its end was negotiated). A track that ended is offered {@code inactive}; when the
 * member's answer keeps that m-line (port not 0), or the member's own offer ends it, the m-line is free
 * for the next track of its kind, so the SDP does not grow as members come and go.
 *
 * <p>A track that comes while the outstanding offer is still freeing an m-line of its kind waits for that
 * answer instead of taking a new m-line: no offer can go out before the answer anyway, and without the
 * wait the SDP grew whenever a publisher came back before the other members had answered its leaving.
 * I/O thread only.
 */
final class MLineRecycler {

    /** Ended m-lines whose end was negotiated: free for the next track of their kind. */
    private final List<ForwardedTrack> free = new ArrayList<>();
    /** Ended m-lines whose end the outstanding offer carries. */
    private final List<ForwardedTrack> inFlight = new ArrayList<>();
    /** Tracks waiting for {@link #inFlight} m-lines of their kind. */
    private final List<PublishedTrack> waiting = new ArrayList<>();

    /** Takes a free m-line of {@code kind} ("audio", "video"), or returns null when there is none. */
    ForwardedTrack take(String kind) {
        for (ForwardedTrack slot : free) {
            if (slot.kind.equals(kind)) {
                free.remove(slot);
                return slot;
            }
        }
        return null;
    }

    /**
     * Keeps {@code source} for {@link #answered()} and returns true when no m-line of its kind is free
     * but the outstanding offer frees one; returns false (the caller places it now) otherwise.
     */
    boolean deferred(PublishedTrack source) {
        String kind = source.info.kind();
        if (free.stream().anyMatch(s -> s.kind.equals(kind)) || inFlight.stream().noneMatch(s -> s.kind.equals(kind))) {
            return false;
        }
        waiting.add(source);
        return true;
    }

    /** The end of {@code slot} was written into an offer. */
    void removalOffered(ForwardedTrack slot) {
        if (!free.contains(slot) && !inFlight.contains(slot)) {
            inFlight.add(slot);
        }
    }

    /** The end of {@code slot} was negotiated and its m-line kept: free for the next track of its kind. */
    void freed(ForwardedTrack slot) {
        inFlight.remove(slot);
        if (!free.contains(slot)) {
            free.add(slot);
        }
    }

    boolean isFree(ForwardedTrack slot) {
        return free.contains(slot);
    }

    /**
     * The outstanding offer was answered (after {@link #freed} for the m-lines the answer kept): the ends
     * it carried are settled. Returns the tracks that waited, to be placed now, in the order they came.
     */
    List<PublishedTrack> answered() {
        inFlight.clear();
        List<PublishedTrack> placeNow = new ArrayList<>(waiting);
        waiting.clear();
        return placeNow;
    }
}
