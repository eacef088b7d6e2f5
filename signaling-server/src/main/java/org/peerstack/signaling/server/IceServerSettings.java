package org.peerstack.signaling.server;

import java.util.List;
import org.peerstack.exc.ConfigException;

/**
 * One entry of {@code http.ice-servers}: a STUN or TURN server the demo page hands to
 * {@code new RTCPeerConnection({iceServers})} (W3C {@code RTCIceServer}).
 *
 * @param urls       {@code stun:}, {@code turn:} or {@code turns:} URLs, at least one
 * @param username   TURN user name; empty for STUN
 * @param credential TURN password; empty for STUN
 */
public record IceServerSettings(List<String> urls, String username, String credential) {

    public IceServerSettings {
        urls = urls == null ? List.of() : List.copyOf(urls);
        if (urls.isEmpty()) {
            throw new ConfigException("http.ice-servers: every entry needs urls, e.g. {urls: [stun:stun.example.org:3478]}");
        }
        for (String url : urls) {
            if (url == null || !(url.startsWith("stun:") || url.startsWith("turn:") || url.startsWith("turns:"))) {
                throw new ConfigException("http.ice-servers: '" + url + "' is not a stun:, turn: or turns: URL");
            }
        }
        username = username == null ? "" : username;
        credential = credential == null ? "" : credential;
    }

    @Override
    public String toString() {
        return "IceServerSettings[urls=" + urls + (username.isEmpty() ? "" : ", username=" + username)
                + (credential.isEmpty() ? "" : ", credential=***") + "]";
    }
}
