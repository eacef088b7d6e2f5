package org.peerstack.config;

import org.peerstack.exc.ConfigException;

/**
 * The {@code webrtc:} section of {@code config/peerstack.yaml}.
 *
 * @param minPort        lowest local UDP port for ICE candidates, 0 = any (unit: port number)
 * @param maxPort        highest local UDP port for ICE candidates, 0 = any (unit: port number)
 * @param audioMode      audio device module behind the factory: {@code headless} (default) or {@code dummy}
 * @param connectTimeoutMs how long a call may take from offer to connected before it is reported as
 *                       failed (unit: milliseconds)
 */
public record WebRtcConfig(int minPort, int maxPort, AudioMode audioMode, long connectTimeoutMs) {

    /** Largest UDP port number. */
    public static final int MAX_PORT_NUMBER = 65_535;

    /**
     * Validates every value.
     *
     * @param minPort        lowest local UDP port for ICE candidates, 0 = any (unit: port number)
     * @param maxPort        highest local UDP port for ICE candidates, 0 = any (unit: port number)
     * @param audioMode      audio device module behind the factory: {@code headless} (default) or {@code dummy}
     * @param connectTimeoutMs how long a call may take from offer to connected before it is reported as
     *     failed (unit: milliseconds)
     * @throws ConfigException if a port is outside 0..{@value #MAX_PORT_NUMBER}, only one of the ports is 0,
     *     {@code minPort > maxPort}, {@code audioMode} is null or {@code connectTimeoutMs} is not positive
     */
    public WebRtcConfig {
        if (minPort < 0 || minPort > MAX_PORT_NUMBER || maxPort < 0 || maxPort > MAX_PORT_NUMBER) {
            throw new ConfigException("webrtc.min-port and webrtc.max-port must be within 0.." + MAX_PORT_NUMBER
                    + " (got " + minPort + ".." + maxPort + ")");
        }
        if ((minPort == 0) != (maxPort == 0) || minPort > maxPort) {
            throw new ConfigException("webrtc.min-port..max-port must be both 0 or a range with min <= max (got "
                    + minPort + ".." + maxPort + ")");
        }
        if (audioMode == null) {
            throw new ConfigException("webrtc.audio-mode must be 'dummy' or 'headless'");
        }
        if (connectTimeoutMs <= 0) {
            throw new ConfigException("webrtc.connect-timeout-ms must be positive (got " + connectTimeoutMs + ")");
        }
    }
}
