package org.peerstack.signaling;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Immutable options of a {@link SignalingClient}. Build with {@link #newBuilder(URI)}; every limit has
 * a documented {@code DEFAULT_*}.
 */
public final class SignalingClientOptions {

    /** Time allowed for TCP connect + (TLS +) WebSocket handshake. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Time a request ({@code join}, {@code leave}, {@code ping}) may wait for its answer. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /** Interval of WebSocket ping frames when nothing else was sent; 3 silent intervals = dead link. */
    public static final Duration DEFAULT_KEEPALIVE_INTERVAL = Duration.ofSeconds(15);
    /** First reconnect delay; doubled per failed attempt (with +-20% jitter). */
    public static final Duration DEFAULT_RECONNECT_INITIAL_DELAY = Duration.ofMillis(250);
    /** Largest reconnect delay. */
    public static final Duration DEFAULT_RECONNECT_MAX_DELAY = Duration.ofSeconds(10);
    /** Largest message accepted from the server (unit: bytes). */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 64 * 1024;

    private final URI uri;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final Duration keepaliveInterval;
    private final boolean reconnect;
    private final Duration reconnectInitialDelay;
    private final Duration reconnectMaxDelay;
    private final int maxMessageBytes;
    private final Path trustedCertificates;
    private final String origin;

    private SignalingClientOptions(Builder b) {
        this.uri = b.uri;
        this.connectTimeout = b.connectTimeout;
        this.requestTimeout = b.requestTimeout;
        this.keepaliveInterval = b.keepaliveInterval;
        this.reconnect = b.reconnect;
        this.reconnectInitialDelay = b.reconnectInitialDelay;
        this.reconnectMaxDelay = b.reconnectMaxDelay;
        this.maxMessageBytes = b.maxMessageBytes;
        this.trustedCertificates = b.trustedCertificates;
        this.origin = b.origin;
    }

    /** Options for the server at {@code uri} ({@code ws://host:port/path} or {@code wss://...}). */
    public static Builder newBuilder(URI uri) {
        return new Builder(uri);
    }

    public Builder toBuilder() {
        Builder b = new Builder(uri);
        b.connectTimeout = connectTimeout;
        b.requestTimeout = requestTimeout;
        b.keepaliveInterval = keepaliveInterval;
        b.reconnect = reconnect;
        b.reconnectInitialDelay = reconnectInitialDelay;
        b.reconnectMaxDelay = reconnectMaxDelay;
        b.maxMessageBytes = maxMessageBytes;
        b.trustedCertificates = trustedCertificates;
        b.origin = origin;
        return b;
    }

    public URI uri() {
        return uri;
    }

    public boolean isSecure() {
        return "wss".equals(uri.getScheme());
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration requestTimeout() {
        return requestTimeout;
    }

    public Duration keepaliveInterval() {
        return keepaliveInterval;
    }

    /** Whether a lost connection is re-established (with backoff) and the room rejoined. */
    public boolean reconnect() {
        return reconnect;
    }

    public Duration reconnectInitialDelay() {
        return reconnectInitialDelay;
    }

    public Duration reconnectMaxDelay() {
        return reconnectMaxDelay;
    }

    public int maxMessageBytes() {
        return maxMessageBytes;
    }

    /** PEM file of certificates to trust for {@code wss}; empty = the JDK's default trust store. */
    public Optional<Path> trustedCertificates() {
        return Optional.ofNullable(trustedCertificates);
    }

    /** The {@code Origin} header sent in the handshake; empty = none (as non-browser clients do). */
    public Optional<String> origin() {
        return Optional.ofNullable(origin);
    }

    /** Builder of {@link SignalingClientOptions}; {@link #build()} validates. */
    public static final class Builder {
        private final URI uri;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private Duration keepaliveInterval = DEFAULT_KEEPALIVE_INTERVAL;
        private boolean reconnect = true;
        private Duration reconnectInitialDelay = DEFAULT_RECONNECT_INITIAL_DELAY;
        private Duration reconnectMaxDelay = DEFAULT_RECONNECT_MAX_DELAY;
        private int maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES;
        private Path trustedCertificates;
        private String origin;

        private Builder(URI uri) {
            this.uri = Objects.requireNonNull(uri, "uri");
        }

        public Builder connectTimeout(Duration value) {
            this.connectTimeout = value;
            return this;
        }

        public Builder requestTimeout(Duration value) {
            this.requestTimeout = value;
            return this;
        }

        public Builder keepaliveInterval(Duration value) {
            this.keepaliveInterval = value;
            return this;
        }

        public Builder reconnect(boolean value) {
            this.reconnect = value;
            return this;
        }

        public Builder reconnectDelays(Duration initial, Duration max) {
            this.reconnectInitialDelay = initial;
            this.reconnectMaxDelay = max;
            return this;
        }

        public Builder maxMessageBytes(int value) {
            this.maxMessageBytes = value;
            return this;
        }

        public Builder trustedCertificates(Path pemFile) {
            this.trustedCertificates = pemFile;
            return this;
        }

        public Builder origin(String value) {
            this.origin = value;
            return this;
        }

        public SignalingClientOptions build() {
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("ws") && !scheme.equals("wss")) {
                throw new IllegalArgumentException("signaling URI must be ws:// or wss:// (got " + uri + ")");
            }
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("signaling URI has no host: " + uri);
            }
            positive(connectTimeout, "connectTimeout");
            positive(requestTimeout, "requestTimeout");
            positive(keepaliveInterval, "keepaliveInterval");
            positive(reconnectInitialDelay, "reconnectInitialDelay");
            positive(reconnectMaxDelay, "reconnectMaxDelay");
            if (reconnectMaxDelay.compareTo(reconnectInitialDelay) < 0) {
                throw new IllegalArgumentException("reconnectMaxDelay must be >= reconnectInitialDelay");
            }
            if (maxMessageBytes < 1024) {
                throw new IllegalArgumentException("maxMessageBytes must be >= 1024 (got " + maxMessageBytes + ")");
            }
            return new SignalingClientOptions(this);
        }

        private static void positive(Duration d, String name) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be a positive duration (got " + d + ")");
            }
        }
    }
}
