package org.peerstack.signaling.server.whip;

/**
 * Checks an {@code application/trickle-ice-sdpfrag} body (RFC 8840) well enough to refuse what is not
 * one: SDP lines only ({@code x=value}, attributes as {@code a=name[:value]}), at least one line; reads
 * its ICE credentials and writes the server's fragment for an ICE restart. The SFU is ICE-lite, so the
 * candidates themselves are not used.
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

    /** The value of the first {@code a=name:value} line of {@code fragment}, or null. */
    static String attribute(String fragment, String name) {
        String prefix = "a=" + name + ":";
        for (String line : fragment.split("\r?\n")) {
            if (line.startsWith(prefix)) {
                return line.substring(prefix.length()).trim();
            }
        }
        return null;
    }

    /**
     * The 200's body of an ICE restart (RFC 9725 §4.3.2, its example's shape): ice-lite, the BUNDLE group
     * and first m-line of the session's SDP {@code localSdp} with its mid, the new credentials, the
     * candidates and end-of-candidates.
     */
    static String restartAnswer(String localSdp, org.peerstack.sfu.SfuIceParameters ice) {
        String mLine = null;
        String mid = null;
        for (String line : localSdp.split("\r?\n")) {
            if (line.startsWith("m=")) {
                if (mLine != null && mid != null) {
                    break;
                }
                String[] parts = line.split(" ");
                mLine = parts.length >= 4 && !parts[1].equals("0") ? parts[0] + " 9 " + parts[2] + " " + parts[3] : null;
                mid = null;
            } else if (mLine != null && line.startsWith("a=mid:")) {
                mid = line.substring("a=mid:".length()).trim();
            }
        }
        StringBuilder b = new StringBuilder("a=ice-lite\r\na=ice-options:ice2\r\n");
        if (mLine != null && mid != null) {
            b.append("a=group:BUNDLE ").append(mid).append("\r\n").append(mLine).append("\r\na=mid:").append(mid).append("\r\n");
        }
        b.append("a=ice-ufrag:").append(ice.usernameFragment()).append("\r\n");
        b.append("a=ice-pwd:").append(ice.password()).append("\r\n");
        for (String c : ice.candidates()) {
            b.append("a=").append(c).append("\r\n");
        }
        return b.append("a=end-of-candidates\r\n").toString();
    }
}
