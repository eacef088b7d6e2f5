package org.peerstack.signaling.server;

import java.util.List;
import org.peerstack.exc.ConfigException;

/**
 * The {@code connections:} section of {@code config/signaling-server.yaml}: what one client address
 * and the connections that have not joined a room may hold, so that neither can take the slots of
 * members (see {@code docs/signaling-protocol.md}, "Connection limits").
 *
 * @param maxPerAddress            open connections from one client address → closed at once
 * @param maxHandshakesPerAddress  connections from one address that have not opened a WebSocket → closed at once
 * @param maxUnjoined              connections not in a room (before or after the WebSocket opens), all
 *                                 addresses together; the rest of {@code limits.max-connections} is kept for members
 * @param joinTimeoutMs            WebSocket open (or {@code leave}) to {@code join} (milliseconds) → {@code join-timeout}, close 1008
 * @param adminReserve             connections accepted beyond the caps for {@code /healthz} and {@code /metrics} only
 * @param ipv6PrefixLength         leading bits of an IPv6 address that make its key (bits; 128 = the whole address)
 * @param trustedProxies           addresses or CIDR ranges of reverse proxies whose {@code forwardedHeader} is believed
 * @param forwardedHeader          the header naming the client address, X-Forwarded-For style
 */
public record ConnectionSettings(int maxPerAddress, int maxHandshakesPerAddress, int maxUnjoined, long joinTimeoutMs,
                                 int adminReserve, int ipv6PrefixLength, List<String> trustedProxies,
                                 String forwardedHeader) {

    public static final int DEFAULT_MAX_PER_ADDRESS = 100;
    public static final int DEFAULT_MAX_HANDSHAKES_PER_ADDRESS = 20;
    public static final int DEFAULT_MAX_UNJOINED = 3_000;
    public static final long DEFAULT_JOIN_TIMEOUT_MS = 10_000;
    public static final int DEFAULT_ADMIN_RESERVE = 16;
    public static final int DEFAULT_IPV6_PREFIX_LENGTH = 64;
    public static final String DEFAULT_FORWARDED_HEADER = "X-Forwarded-For";

    public ConnectionSettings {
        atLeast(maxPerAddress, 1, "max-per-address");
        atLeast(maxHandshakesPerAddress, 1, "max-handshakes-per-address");
        atLeast(maxUnjoined, 1, "max-unjoined");
        atLeast(joinTimeoutMs, 1, "join-timeout-ms");
        atLeast(adminReserve, 0, "admin-reserve");
        if (ipv6PrefixLength < 1 || ipv6PrefixLength > 128) {
            throw new ConfigException("connections.ipv6-prefix-length must be within 1..128 (got " + ipv6PrefixLength + ")");
        }
        trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
        for (String proxy : trustedProxies) {
            AddressRange.parse(proxy, "connections.trusted-proxies");
        }
        forwardedHeader = forwardedHeader == null || forwardedHeader.isBlank() ? DEFAULT_FORWARDED_HEADER : forwardedHeader;
    }

    /** The {@code DEFAULT_*} settings: no trusted proxy. */
    public static ConnectionSettings defaults() {
        return new ConnectionSettings(DEFAULT_MAX_PER_ADDRESS, DEFAULT_MAX_HANDSHAKES_PER_ADDRESS, DEFAULT_MAX_UNJOINED,
                DEFAULT_JOIN_TIMEOUT_MS, DEFAULT_ADMIN_RESERVE, DEFAULT_IPV6_PREFIX_LENGTH, List.of(),
                DEFAULT_FORWARDED_HEADER);
    }

    private static void atLeast(long value, long min, String key) {
        if (value < min) {
            throw new ConfigException("connections." + key + " must be at least " + min + " (got " + value + ")");
        }
    }
}
