package org.peerstack.signaling.server.whip;

import java.util.List;
import org.peerstack.exc.ConfigException;
import org.peerstack.sfu.SfuConfig;

/**
 * The {@code sfu:} section of {@code config/signaling-server.yaml}: the server's own SFU (peerstack-sfu)
 * and its WHIP ({@code /whip/<stream>}) and WHEP ({@code /whep/<stream>}) endpoints. Off by default.
 *
 * @param enabled            start an SFU and serve WHIP/WHEP on the HTTP port
 * @param bindAddress        address of the SFU's UDP media socket
 * @param port               UDP port of the media socket (0 = any free one)
 * @param announcedAddresses addresses written into the answers' candidates; empty = the bind address
 * @param maxSessions        WHIP + WHEP sessions held at once; more get 503 with Retry-After
 * @param retryAfterSeconds  the Retry-After of a WHEP POST while nothing is published, and of a 503
 * @param connectTimeoutMs   a session whose peer has not connected (ICE + DTLS; for WHEP also its answer
 *                           PATCHed) this long after its 201 is ended
 * @param rooms              signaling room names (globs, {@code *} and {@code ?}) that are SFU rooms when created
 *                           (docs/signaling-protocol.md, "SFU rooms"); empty = only joins with {@code "sfu": true}
 * @param maxMembersPerRoom  members of one SFU room (instead of {@code limits.max-members-per-room})
 */
public record SfuSettings(boolean enabled, String bindAddress, int port, List<String> announcedAddresses,
                          int maxSessions, int retryAfterSeconds, long connectTimeoutMs, List<String> rooms,
                          int maxMembersPerRoom) {

    /** Default of {@code sfu.max-members-per-room}. */
    public static final int DEFAULT_MAX_MEMBERS_PER_ROOM = 200;

    /** Default of {@code sfu.connect-timeout-ms}. */
    public static final long DEFAULT_CONNECT_TIMEOUT_MS = 30_000;

    /** Longest stream name (characters); streams are named by {@code [A-Za-z0-9._-]}. */
    public static final int MAX_STREAM_NAME_LENGTH = 128;

    /** Settings without SFU rooms options (their defaults). */
    public SfuSettings(boolean enabled, String bindAddress, int port, List<String> announcedAddresses,
                       int maxSessions, int retryAfterSeconds, long connectTimeoutMs) {
        this(enabled, bindAddress, port, announcedAddresses, maxSessions, retryAfterSeconds, connectTimeoutMs, null, 0);
    }

    public SfuSettings {
        rooms = rooms == null ? List.of() : List.copyOf(rooms);
        if (maxMembersPerRoom == 0) {
            maxMembersPerRoom = DEFAULT_MAX_MEMBERS_PER_ROOM;
        }
        if (maxMembersPerRoom < 1 || maxMembersPerRoom > 100_000) {
            throw new ConfigException("sfu.max-members-per-room must be 1..100000, got " + maxMembersPerRoom);
        }
        bindAddress = bindAddress == null || bindAddress.isBlank() ? SfuConfig.DEFAULT_BIND_ADDRESS : bindAddress;
        announcedAddresses = announcedAddresses == null ? List.of() : List.copyOf(announcedAddresses);
        if (port < 0 || port > 65_535) {
            throw new ConfigException("sfu.port must be 0..65535, got " + port);
        }
        if (maxSessions < 1) {
            throw new ConfigException("sfu.max-sessions must be at least 1, got " + maxSessions);
        }
        if (retryAfterSeconds < 1 || retryAfterSeconds > 3600) {
            throw new ConfigException("sfu.retry-after-seconds must be 1..3600, got " + retryAfterSeconds);
        }
        if (connectTimeoutMs == 0) {
            connectTimeoutMs = DEFAULT_CONNECT_TIMEOUT_MS;
        }
        if (connectTimeoutMs < 100 || connectTimeoutMs > 600_000) {
            throw new ConfigException("sfu.connect-timeout-ms must be 100..600000, got " + connectTimeoutMs);
        }
        if (enabled && announcedAddresses.isEmpty()
                && ("0.0.0.0".equals(bindAddress) || "::".equals(bindAddress))) {
            throw new ConfigException("sfu.announced-addresses is required when sfu.bind-address is a wildcard ("
                    + bindAddress + "): candidates must name an address clients can reach");
        }
    }

    /** The SFU configuration these settings describe. */
    public SfuConfig sfuConfig() {
        SfuConfig.Builder b = SfuConfig.newBuilder().bindAddress(bindAddress).port(port).maxPeers(maxSessions);
        if (!announcedAddresses.isEmpty()) {
            b.announcedAddresses(announcedAddresses);
        }
        return b.build();
    }
}
