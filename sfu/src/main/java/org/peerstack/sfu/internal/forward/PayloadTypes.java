package org.peerstack.sfu.internal.forward;

import java.util.HashMap;
import java.util.Map;
import org.peerstack.exc.OperationException;

/**
 * The payload types of one subscriber's connection (RFC 8829 §5.2.1: a payload type keeps its codec for
 * the whole session): a codec keeps the type it got first; a new codec gets the publisher's type when it
 * is still free here, else the first free dynamic type (RFC 3551 §3). I/O thread only.
 */
final class PayloadTypes {

    /** Dynamic payload types (RFC 3551 §3) from which this subscriber's types are chosen. */
    static final int FIRST_DYNAMIC_PT = 96;
    static final int LAST_DYNAMIC_PT = 127;

    private final Map<Integer, String> byType = new HashMap<>();

    /** The type of codec {@code key} ("VP8/90000/fmtp"), {@code preferred} if it is free. Fails "payload-types-exhausted". */
    int typeFor(String key, int preferred) {
        for (Map.Entry<Integer, String> e : byType.entrySet()) {
            if (e.getValue().equals(key)) {
                return e.getKey();
            }
        }
        int pt = preferred;
        if (pt < 0 || byType.containsKey(pt)) {
            pt = -1;
            for (int candidate = FIRST_DYNAMIC_PT; candidate <= LAST_DYNAMIC_PT; candidate++) {
                if (!byType.containsKey(candidate)) {
                    pt = candidate;
                    break;
                }
            }
            if (pt < 0) {
                throw new OperationException("payload-types-exhausted", "No free payload type left for this subscriber");
            }
        }
        byType.put(pt, key);
        return pt;
    }

    /** Marks {@code pt} as used by something else (a member's own published m-lines share the numbering). */
    void reserve(int pt, String key) {
        byType.putIfAbsent(pt, key);
    }
}
