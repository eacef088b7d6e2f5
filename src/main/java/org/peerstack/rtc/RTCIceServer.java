package org.peerstack.rtc;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.peerstack.exc.InvalidAccessException;
import org.peerstack.exc.TypeException;

/**
 * W3C {@code RTCIceServer}: a STUN or TURN server. Immutable; {@link #toString()} never prints the
 * credential.
 *
 * @param urls       one or more {@code stun:}, {@code stuns:}, {@code turn:} or {@code turns:} URLs
 * @param username   TURN username, or null
 * @param credential TURN password, or null
 */
public record RTCIceServer(List<String> urls, String username, String credential) {

    public RTCIceServer {
        urls = List.copyOf(Objects.requireNonNull(urls, "urls"));
        if (urls.isEmpty()) {
            throw new TypeException("RTCIceServer.urls must not be empty");
        }
        for (String url : urls) {
            String scheme = url.contains(":") ? url.substring(0, url.indexOf(':')).toLowerCase(Locale.ROOT) : "";
            switch (scheme) {
                case "stun", "stuns" -> { }
                case "turn", "turns" -> {
                    if (username == null || credential == null) {
                        throw new InvalidAccessException("TURN URL " + url + " needs a username and a credential");
                    }
                }
                default -> throw new TypeException("'" + url + "' is not a stun:, stuns:, turn: or turns: URL");
            }
        }
    }

    /** A server without credentials, e.g. {@code RTCIceServer.of("stun:stun.example.org:3478")}. */
    public static RTCIceServer of(String... urls) {
        return new RTCIceServer(List.of(urls), null, null);
    }

    /** A TURN server with credentials. */
    public static RTCIceServer turn(String url, String username, String credential) {
        return new RTCIceServer(List.of(url), username, credential);
    }

    @Override
    public String toString() {
        return "RTCIceServer[urls=" + urls + (username == null ? "" : ", username=" + username)
                + (credential == null ? "" : ", credential=<redacted>") + "]";
    }
}
