package org.peerstack.signaling.server.whip;

/**
 * Checks an {@code application/trickle-ice-sdpfrag} body (RFC 8840) well enough to refuse what is not
 * one: SDP lines only ({@code x=value}, attributes as {@code a=name[:value]}), at least one line.
 * The SFU is ICE-lite, so the candidates themselves are not used.
 */
final class IceFragment {

    private IceFragment() {
    }

    static boolean parses(String body) {
        int lines = 0;
        for (String line : body.split("\r?\n")) {
            if (line.isEmpty()) {
                continue;
            }
            if (line.length() < 2 || line.charAt(1) != '=' || !Character.isLetter(line.charAt(0))) {
                return false;
            }
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (c < 0x20 && c != '\t' || c == 0x7f) {
                    return false;
                }
            }
            lines++;
        }
        return lines > 0;
    }
}
