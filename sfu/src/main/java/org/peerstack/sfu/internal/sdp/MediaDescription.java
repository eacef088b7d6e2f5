package org.peerstack.sfu.internal.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One media section of an SDP description: its {@code m=} line (kind, port, protocol, formats) and the
 * lines that follow it, kept in order. Accessors look attributes up by name.
 */
public final class MediaDescription {

    private final String kind;
    private final int port;
    private final String protocol;
    private final List<String> formats;
    private final List<String> lines;

    public MediaDescription(String kind, int port, String protocol, List<String> formats, List<String> lines) {
        this.kind = kind;
        this.port = port;
        this.protocol = protocol;
        this.formats = List.copyOf(formats);
        this.lines = List.copyOf(lines);
    }

    static MediaDescription parse(String mLine, List<String> lines) {
        String[] parts = mLine.substring(2).split(" ");
        if (parts.length < 3) {
            throw SessionDescription.error("m= line needs kind, port and protocol: " + SessionDescription.abbreviate(mLine));
        }
        String portField = parts[1];
        int slash = portField.indexOf('/');
        int port;
        try {
            port = Integer.parseInt(slash < 0 ? portField : portField.substring(0, slash));
        } catch (NumberFormatException e) {
            throw SessionDescription.error("bad port in m= line: " + SessionDescription.abbreviate(mLine));
        }
        if (port < 0 || port > 65535) {
            throw SessionDescription.error("port out of range in m= line: " + port);
        }
        List<String> formats = new ArrayList<>();
        for (int i = 3; i < parts.length; i++) {
            if (!parts[i].isEmpty()) {
                formats.add(parts[i]);
            }
        }
        return new MediaDescription(parts[0], port, parts[2], formats, lines);
    }

    /** The value of {@code line} if it is {@code a=name} (gives "") or {@code a=name:value}; else null. */
    static String attributeValue(String line, String name) {
        if (!line.startsWith("a=") || !line.startsWith(name, 2)) {
            return null;
        }
        int end = 2 + name.length();
        if (line.length() == end) {
            return "";
        }
        return line.charAt(end) == ':' ? line.substring(end + 1) : null;
    }

    public String kind() {
        return kind;
    }

    public int port() {
        return port;
    }

    public String protocol() {
        return protocol;
    }

    public List<String> formats() {
        return formats;
    }

    public List<String> lines() {
        return lines;
    }

    /** The first {@code a=name[:value]} value, "" for a flag. */
    public Optional<String> attribute(String name) {
        for (String line : lines) {
            String v = attributeValue(line, name);
            if (v != null) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    /** Every {@code a=name:value} value, in order. */
    public List<String> attributes(String name) {
        List<String> values = new ArrayList<>();
        for (String line : lines) {
            String v = attributeValue(line, name);
            if (v != null) {
                values.add(v);
            }
        }
        return values;
    }

    public boolean hasFlag(String name) {
        return attribute(name).isPresent();
    }

    /** The mid ({@code a=mid}), or null. */
    public String mid() {
        return attribute("mid").orElse(null);
    }

    /** sendrecv, sendonly, recvonly or inactive (sendrecv when none is written, RFC 8866 §6.7). */
    public String direction() {
        for (String d : List.of("sendrecv", "sendonly", "recvonly", "inactive")) {
            if (hasFlag(d)) {
                return d;
            }
        }
        return "sendrecv";
    }

    void appendTo(StringBuilder sb) {
        sb.append("m=").append(kind).append(' ').append(port).append(' ').append(protocol);
        for (String f : formats) {
            sb.append(' ').append(f);
        }
        sb.append("\r\n");
        for (String line : lines) {
            sb.append(line).append("\r\n");
        }
    }
}
