package org.peerstack.sfu.internal.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.peerstack.exc.OperationException;

/**
 * An SDP session description (RFC 8866) as a list of session-level lines and {@link MediaDescription}s,
 * parsed leniently enough for what browsers and libwebrtc write and strictly enough that nothing
 * malformed gets through: every failure is an {@link OperationException} with detail
 * {@code "sdp-syntax-error"}. {@link #toString()} writes it back with CRLF line ends.
 */
public final class SessionDescription {

    /** Longest description accepted, in characters. */
    public static final int MAX_LENGTH = 128 * 1024;
    /** Most media sections accepted in one description. */
    public static final int MAX_MEDIA_SECTIONS = 256;

    private final List<String> sessionLines;
    private final List<MediaDescription> media;

    public SessionDescription(List<String> sessionLines, List<MediaDescription> media) {
        this.sessionLines = List.copyOf(sessionLines);
        this.media = List.copyOf(media);
    }

    /** Parses {@code sdp}; throws {@link OperationException} ("sdp-syntax-error") when it is malformed. */
    public static SessionDescription parse(String sdp) {
        if (sdp == null || sdp.isEmpty()) {
            throw error("empty description");
        }
        if (sdp.length() > MAX_LENGTH) {
            throw error("description longer than " + MAX_LENGTH + " characters");
        }
        List<String> session = new ArrayList<>();
        List<MediaDescription> media = new ArrayList<>();
        String mLine = null;
        List<String> mLines = null;
        boolean first = true;
        for (String raw : sdp.split("\n", -1)) {
            String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
            if (line.isEmpty()) {
                continue;
            }
            if (line.length() < 2 || line.charAt(1) != '=' || line.charAt(0) < 'a' || line.charAt(0) > 'z') {
                throw error("not a type=value line: " + abbreviate(line));
            }
            if (first && !line.equals("v=0")) {
                throw error("description must start with v=0");
            }
            first = false;
            if (line.charAt(0) == 'm') {
                if (mLine != null) {
                    media.add(MediaDescription.parse(mLine, mLines));
                }
                if (media.size() >= MAX_MEDIA_SECTIONS) {
                    throw error("more than " + MAX_MEDIA_SECTIONS + " media sections");
                }
                mLine = line;
                mLines = new ArrayList<>();
            } else if (mLine != null) {
                mLines.add(line);
            } else {
                session.add(line);
            }
        }
        if (first) {
            throw error("empty description");
        }
        if (mLine != null) {
            media.add(MediaDescription.parse(mLine, mLines));
        }
        return new SessionDescription(session, media);
    }

    static OperationException error(String message) {
        return new OperationException("sdp-syntax-error", "Invalid SDP: " + message);
    }

    static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 60) + "...";
    }

    public List<String> sessionLines() {
        return sessionLines;
    }

    public List<MediaDescription> media() {
        return media;
    }

    /** The value of the first session-level {@code a=name[:value]} line (empty string for flags). */
    public Optional<String> attribute(String name) {
        for (String line : sessionLines) {
            String value = MediaDescription.attributeValue(line, name);
            if (value != null) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    /** A session-level attribute, else the first media section's (ufrag, pwd, fingerprint, setup). */
    public Optional<String> attributeAnywhere(String name) {
        Optional<String> session = attribute(name);
        if (session.isPresent()) {
            return session;
        }
        for (MediaDescription m : media) {
            Optional<String> v = m.attribute(name);
            if (v.isPresent()) {
                return v;
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(2048);
        for (String line : sessionLines) {
            sb.append(line).append("\r\n");
        }
        for (MediaDescription m : media) {
            m.appendTo(sb);
        }
        return sb.toString();
    }
}
