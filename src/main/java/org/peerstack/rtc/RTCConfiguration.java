package org.peerstack.rtc;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.peerstack.config.WebRtcConfig;
import org.peerstack.exc.TypeException;

/**
 * W3C {@code RTCConfiguration}, immutable: build one with {@link #newBuilder()}, change a copy with
 * {@link #toBuilder()}. Accessors have no {@code get} prefix. {@link #toString()} redacts ICE server
 * credentials.
 *
 * <pre>{@code
 * RTCConfiguration config = RTCConfiguration.newBuilder()
 *         .iceServer(RTCIceServer.of("stun:stun.example.org"))
 *         .bundlePolicy(RTCBundlePolicy.MAX_BUNDLE)
 *         .portRange(50000, 50100)
 *         .build();
 * }</pre>
 */
public final class RTCConfiguration {

    /** Highest UDP port number. */
    public static final int MAX_PORT = 65_535;

    private final List<RTCIceServer> iceServers;
    private final RTCIceTransportPolicy iceTransportPolicy;
    private final RTCBundlePolicy bundlePolicy;
    private final int minPort;
    private final int maxPort;

    private RTCConfiguration(Builder builder) {
        this.iceServers = List.copyOf(builder.iceServers);
        this.iceTransportPolicy = builder.iceTransportPolicy;
        this.bundlePolicy = builder.bundlePolicy;
        this.minPort = builder.minPort;
        this.maxPort = builder.maxPort;
    }

    /** A builder with the W3C defaults: no ICE servers, policy {@code all}, bundle {@code balanced}, any port. */
    public static Builder newBuilder() {
        return new Builder();
    }

    /** The defaults, with the port range from the library configuration. */
    public static RTCConfiguration from(WebRtcConfig config) {
        Builder builder = newBuilder();
        if (config.minPort() > 0) {
            builder.portRange(config.minPort(), config.maxPort());
        }
        return builder.build();
    }

    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.iceServers.addAll(iceServers);
        builder.iceTransportPolicy = iceTransportPolicy;
        builder.bundlePolicy = bundlePolicy;
        builder.minPort = minPort;
        builder.maxPort = maxPort;
        return builder;
    }

    public List<RTCIceServer> iceServers() {
        return iceServers;
    }

    public RTCIceTransportPolicy iceTransportPolicy() {
        return iceTransportPolicy;
    }

    public RTCBundlePolicy bundlePolicy() {
        return bundlePolicy;
    }

    /** Lowest local UDP port for ICE candidates, 0 when any port may be used. */
    public int minPort() {
        return minPort;
    }

    /** Highest local UDP port for ICE candidates, 0 when any port may be used. */
    public int maxPort() {
        return maxPort;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RTCConfiguration other && iceServers.equals(other.iceServers)
                && iceTransportPolicy == other.iceTransportPolicy && bundlePolicy == other.bundlePolicy
                && minPort == other.minPort && maxPort == other.maxPort;
    }

    @Override
    public int hashCode() {
        return Objects.hash(iceServers, iceTransportPolicy, bundlePolicy, minPort, maxPort);
    }

    @Override
    public String toString() {
        return "RTCConfiguration[iceServers=" + iceServers + ", iceTransportPolicy=" + iceTransportPolicy
                + ", bundlePolicy=" + bundlePolicy + (minPort == 0 ? "" : ", ports=" + minPort + ".." + maxPort) + "]";
    }

    /** Builds an {@link RTCConfiguration}; {@link #build()} validates. */
    public static final class Builder {
        private final List<RTCIceServer> iceServers = new ArrayList<>();
        private RTCIceTransportPolicy iceTransportPolicy = RTCIceTransportPolicy.ALL;
        private RTCBundlePolicy bundlePolicy = RTCBundlePolicy.BALANCED;
        private int minPort;
        private int maxPort;

        private Builder() {
        }

        public Builder iceServer(RTCIceServer server) {
            iceServers.add(Objects.requireNonNull(server, "server"));
            return this;
        }

        public Builder iceServers(List<RTCIceServer> servers) {
            iceServers.clear();
            servers.forEach(this::iceServer);
            return this;
        }

        public Builder iceTransportPolicy(RTCIceTransportPolicy policy) {
            this.iceTransportPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        public Builder bundlePolicy(RTCBundlePolicy policy) {
            this.bundlePolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** Restricts host candidates to local UDP ports {@code min..max} (inclusive). */
        public Builder portRange(int min, int max) {
            this.minPort = min;
            this.maxPort = max;
            return this;
        }

        /** Any local port (the default). */
        public Builder anyPort() {
            return portRange(0, 0);
        }

        /**
         * Validates and builds.
         *
         * @return the configuration
         * @throws TypeException if the port range is not {@code 0..0} or a valid range {@code 1..65535} with
         *                       {@code min <= max}
         */
        public RTCConfiguration build() {
            boolean any = minPort == 0 && maxPort == 0;
            if (!any && (minPort < 1 || maxPort > MAX_PORT || minPort > maxPort)) {
                throw new TypeException("port range must be 1.." + MAX_PORT + " with min <= max, got "
                        + minPort + ".." + maxPort);
            }
            return new RTCConfiguration(this);
        }
    }
}
