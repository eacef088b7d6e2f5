package org.peerstack.demo.cli;

import java.net.URI;
import java.time.Duration;
import org.peerstack.demo.Room;
import picocli.CommandLine.Option;

/** The options every bot shares: where to join, as whom, and for how long. */
final class RoomMixin {

    @Option(names = "--server", defaultValue = "ws://127.0.0.1:8080/signaling", paramLabel = "URI",
            converter = WebSocketUri.class,
            description = {"signaling server, ws:// or wss://", "(default: ${DEFAULT-VALUE})"})
    URI server;

    /** Accepts only {@code ws://} and {@code wss://} URIs with a host, so a wrong one fails before anything starts. */
    static final class WebSocketUri implements picocli.CommandLine.ITypeConverter<URI> {
        @Override
        public URI convert(String value) {
            URI uri;
            try {
                uri = new URI(value);
            } catch (java.net.URISyntaxException e) {
                throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not a URI: " + e.getReason());
            }
            if (!"ws".equalsIgnoreCase(uri.getScheme()) && !"wss".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                throw new picocli.CommandLine.TypeConversionException("'" + value
                        + "' is not a WebSocket URI; the signaling server is ws://HOST:PORT/signaling (wss:// with TLS)");
            }
            return uri;
        }
    }

    @Option(names = "--room", defaultValue = "demo", description = "room to join (default: ${DEFAULT-VALUE})")
    String room;

    @Option(names = "--name", description = "display name (default: the bot's kind)")
    String name;

    @Option(names = "--token", description = "room token, when the server requires one")
    String token;

    @Option(names = "--sfu", description = {"join an SFU room: media through the server's SFU (sfu.enabled)",
            "instead of a mesh; the server creates it or refuses with room-mode/sfu-unavailable"})
    boolean sfu;

    @Option(names = "--max-resolution", paramLabel = "WxH", description = {"with --sfu: the largest size wanted of every"
            + " received video track, e.g. 320x180 (max-resolution to the server: of a simulcast publisher the SFU",
            "forwards the largest layer that fits)"})
    String maxResolution;

    @Option(names = "--seconds", defaultValue = "0",
            description = "leave after this many seconds; 0 = run until Ctrl-C (default: ${DEFAULT-VALUE})")
    long seconds;

    @Option(names = "--status-ms", defaultValue = "1000",
            description = "milliseconds between two status lines; 0 = no status (default: ${DEFAULT-VALUE})")
    long statusMs;

    Room.Options options(String kind) {
        return new Room.Options(server, room, name == null ? kind + "-bot" : name, token, Room.Options.DEFAULT_JOIN_TIMEOUT);
    }

    /**
     * {@code --max-resolution} as {width, height}, or null without it.
     *
     * @throws org.peerstack.exc.TypeException when it is not WxH with sizes of 1 to 16384
     */
    int[] maxResolution() {
        if (maxResolution == null) {
            return null;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,5})x(\\d{1,5})").matcher(maxResolution);
        int limit = org.peerstack.signaling.SignalingMessage.MaxResolution.MAX_DIMENSION;
        int[] size = m.matches() ? new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))} : null;
        if (size == null || size[0] < 1 || size[1] < 1 || size[0] > limit || size[1] > limit) {
            throw new org.peerstack.exc.TypeException("--max-resolution wants WxH with sizes of 1 to " + limit
                    + ", e.g. 320x180; got '" + maxResolution + "'");
        }
        return size;
    }

    Duration duration() {
        return Duration.ofSeconds(seconds);
    }

    Duration statusInterval() {
        return statusMs <= 0 ? Duration.ZERO : Duration.ofMillis(statusMs);
    }
}
