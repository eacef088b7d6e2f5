package org.peerstack.signaling.server.sfu;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The room-name globs of {@code sfu.rooms}: {@code *} matches any characters (also none), {@code ?} one
 * character, everything else itself. Immutable and thread-safe.
 */
public final class RoomGlobs {

    private final List<Pattern> patterns;

    public RoomGlobs(List<String> globs) {
        List<Pattern> compiled = new ArrayList<>(globs.size());
        for (String glob : globs) {
            compiled.add(compile(glob));
        }
        this.patterns = List.copyOf(compiled);
    }

    /** Whether {@code room} matches any glob. */
    public boolean matches(String room) {
        for (Pattern p : patterns) {
            if (p.matcher(room).matches()) {
                return true;
            }
        }
        return false;
    }

    private static Pattern compile(String glob) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' || c == '?') {
                if (!literal.isEmpty()) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (!literal.isEmpty()) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
