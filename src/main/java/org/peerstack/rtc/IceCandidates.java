package org.peerstack.rtc;

import org.peerstack.exc.OperationException;

/**
 * Checks a remote candidate before it reaches libwebrtc. webrtc-java 0.14.0's {@code addIceCandidate}
 * reports nothing, so a malformed candidate would vanish silently; instead it fails here with a clear
 * error (W3C: OperationError) naming what is wrong.
 */
final class IceCandidates {

    /** Longest candidate line accepted, in characters. */
    static final int MAX_CANDIDATE_LENGTH = 1024;

    private IceCandidates() {
    }

    static void validate(RTCIceCandidate candidate) {
        String line = candidate.candidate();
        if (line.isEmpty()) {
            return;
        }
        if (line.length() > MAX_CANDIDATE_LENGTH) {
            throw new OperationException(null, "ICE candidate longer than " + MAX_CANDIDATE_LENGTH + " characters");
        }
        String body = line.startsWith("a=") ? line.substring(2) : line;
        if (!body.startsWith("candidate:")) {
            throw new OperationException(null, "ICE candidate must start with 'candidate:', got '" + abbreviate(line) + "'");
        }
        String[] parts = body.substring("candidate:".length()).trim().split("\\s+");
        // foundation component transport priority address port "typ" type
        if (parts.length < 8 || !parts[6].equals("typ")) {
            throw new OperationException(null, "malformed ICE candidate '" + abbreviate(line) + "'");
        }
        try {
            int component = Integer.parseInt(parts[1]);
            long priority = Long.parseLong(parts[3]);
            int port = Integer.parseInt(parts[5]);
            if (component < 1 || component > 256 || priority < 0 || port < 0 || port > 65_535) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            throw new OperationException(null, "ICE candidate has an invalid component, priority or port: '"
                    + abbreviate(line) + "'");
        }
        String transport = parts[2].toLowerCase(java.util.Locale.ROOT);
        if (!transport.equals("udp") && !transport.equals("tcp")) {
            throw new OperationException(null, "ICE candidate transport must be udp or tcp, got '" + parts[2] + "'");
        }
    }

    private static String abbreviate(String line) {
        return line.length() <= 80 ? line : line.substring(0, 77) + "...";
    }
}
