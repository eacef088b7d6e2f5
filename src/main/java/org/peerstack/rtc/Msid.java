package org.peerstack.rtc;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the remote stream ids of one m-section from an SDP ({@code a=msid:<stream-id> <track-id>},
 * RFC 8830). webrtc-java 0.14.0 hands {@code onAddTrack} native streams whose {@code id()} is null, so
 * the ids come from the remote description instead, which is also what the W3C algorithm uses.
 */
final class Msid {

    private Msid() {
    }

    /** Stream ids of the m-section whose {@code a=mid} is {@code mid}; empty when none or "-". */
    static List<String> streamIds(String sdp, String mid) {
        List<String> ids = new ArrayList<>();
        if (sdp == null || mid == null) {
            return ids;
        }
        boolean inSection = false;
        List<String> sectionIds = new ArrayList<>();
        for (String line : sdp.split("\r?\n")) {
            if (line.startsWith("m=")) {
                if (inSection) {
                    return sectionIds;
                }
                sectionIds.clear();
            } else if (line.startsWith("a=mid:")) {
                inSection = line.substring("a=mid:".length()).trim().equals(mid);
            } else if (line.startsWith("a=msid:")) {
                String[] parts = line.substring("a=msid:".length()).trim().split("\\s+");
                if (parts.length > 0 && !parts[0].isEmpty() && !parts[0].equals("-") && !sectionIds.contains(parts[0])) {
                    sectionIds.add(parts[0]);
                }
            }
        }
        return inSection ? sectionIds : ids;
    }

    /** True when a media section is rejected or stopped (port 0, RFC 8843/3264), i.e. a transceiver may have stopped. */
    static boolean stopsAnMLine(String sdp) {
        if (sdp == null) {
            return false;
        }
        for (String line : sdp.split("\r?\n")) {
            if (line.startsWith("m=")) {
                String[] parts = line.split(" ");
                if (parts.length > 1 && parts[1].equals("0")) {
                    return true;
                }
            }
        }
        return false;
    }
}
