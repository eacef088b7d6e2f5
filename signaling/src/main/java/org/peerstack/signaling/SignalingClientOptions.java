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

    /**
     * A builder of options for the server at {@code uri}, every other value at its {@code DEFAULT_*}
     * and reconnect on.
     *
     * @param uri the server's WebSocket URI, {@code ws://host:port/path} or {@code wss://...}; checked by
     *     {@link Builder#build()}
     * @return a new builder
     * @throws NullPointerException if {@code uri} is null
     */
    public static Builder newBuilder(URI uri) {
        return new Builder(uri);
    }

    /**
     * A builder holding these options' values, to derive changed options; these stay unchanged.
     *
     * @return a new builder
     */
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

    /**
     * The server's WebSocket URI.
     *
     * @return the {@code ws} or {@code wss} URI; never null
     */
    public URI uri() {
        return uri;
    }

    /**
     * Whether the connection uses TLS, i.e. the URI scheme is {@code wss} (in any case: schemes are
     * case-insensitive, RFC 3986).
     *
     * @return true for {@code wss}
     */
    public boolean isSecure() {
        return "wss".equalsIgnoreCase(uri.getScheme());
    }

    /**
     * Time allowed for TCP connect, TLS and WebSocket handshake ({@link #DEFAULT_CONNECT_TIMEOUT});
     * {@link SignalingClient#close()} also waits at most this long for the close handshake.
     *
     * @return a positive duration
     */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /**
     * Time a {@code join}, {@code leave} or {@code ping} may wait for its answer before its future fails
     * with {@code SignalingConnectionException} ({@link #DEFAULT_REQUEST_TIMEOUT}).
     *
     * @return a positive duration
     */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /**
     * Interval of WebSocket ping frames when nothing else was sent; three silent intervals mean a dead
     * link ({@link #DEFAULT_KEEPALIVE_INTERVAL}).
     *
     * @return a positive duration
     */
    public Duration keepaliveInterval() {
        return keepaliveInterval;
    }

    /**
     * Whether a connection lost after it was open is re-established (with exponential backoff) and the
     * last room rejoined; never after a close with code 1008 (policy violation). On by default.
     *
     * @return true if the client reconnects
     */
    public boolean reconnect() {
        return reconnect;
    }

    /**
     * Delay before the first reconnect attempt; doubled per failed attempt, with +-20% jitter
     * ({@link #DEFAULT_RECONNECT_INITIAL_DELAY}).
     *
     * @return a positive duration
     */
    public Duration reconnectInitialDelay() {
        return reconnectInitialDelay;
    }

    /**
     * Largest delay between reconnect attempts ({@link #DEFAULT_RECONNECT_MAX_DELAY}); at least
     * {@link #reconnectInitialDelay()}.
     *
     * @return a positive duration
     */
    public Duration reconnectMaxDelay() {
        return reconnectMaxDelay;
    }

    /**
     * Largest message accepted from the server (bytes, {@link #DEFAULT_MAX_MESSAGE_BYTES}); a larger
     * frame closes the connection.
     *
     * @return at least 1024
     */
    public int maxMessageBytes() {
        return maxMessageBytes;
    }

    /**
     * PEM file of certificates to trust for {@code wss}, e.g. a self-signed server certificate.
     *
     * @return the file, or empty to use the JDK's default trust store
     */
    public Optional<Path> trustedCertificates() {
        return Optional.ofNullable(trustedCertificates);
    }

    /**
     * The {@code Origin} header sent in the handshake, for servers that check allowed origins.
     *
     * @return the header value, or empty to send none (as non-browser clients do)
     */
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

        /**
         * Sets {@link SignalingClientOptions#connectTimeout()}.
         *
         * @param value a positive duration; checked by {@link #build()}
         * @return this builder
         */
        public Builder connectTimeout(Duration value) {
            this.connectTimeout = value;
            return this;
        }

        /**
         * Sets {@link SignalingClientOptions#requestTimeout()}.
         *
         * @param value a positive duration; checked by {@link #build()}
         * @return this builder
         */
        public Builder requestTimeout(Duration value) {
            this.requestTimeout = value;
            return this;
        }

        /**
         * Sets {@link SignalingClientOptions#keepaliveInterval()}.
         *
         * @param value a positive duration; checked by {@link #build()}
         * @return this builder
         */
        public Builder keepaliveInterval(Duration value) {
            this.keepaliveInterval = value;
            return this;
        }

        /**
         * Sets {@link SignalingClientOptions#reconnect()}.
         *
         * @param value true to reconnect and rejoin after a lost connection
         * @return this builder
         */
        public Builder reconnect(boolean value) {
            this.reconnect = value;
            return this;
        }

        /**
         * Sets the reconnect backoff: {@link SignalingClientOptions#reconnectInitialDelay()} and
         * {@link SignalingClientOptions#reconnectMaxDelay()}.
         *
         * @param initial delay before the first attempt; positive
         * @param max largest delay between attempts; positive and not below {@code initial} (checked by
         *     {@link #build()})
         * @return this builder
         */
        public Builder reconnectDelays(Duration initial, Duration max) {
            this.reconnectInitialDelay = initial;
            this.reconnectMaxDelay = max;
            return this;
        }

        /**
         * Sets {@link SignalingClientOptions#maxMessageBytes()}.
         *
         * @param value the largest message accepted from the server (bytes); at least 1024
         * @return this builder
         */
        public Builder maxMessageBytes(int value) {
            this.maxMessageBytes = value;
            return this;
        }

        /**
         * Sets {@link SignalingClientOptions#trustedCertificates()}; the file is read when the client is
         * created.
         *
         * @param pemFile a PEM file of certificates to trust for {@code wss}, or null for the JDK's default
         * @return this builder
         */
        public Builder trustedCertificates(Path pemFile) {
            this.trustedCertificates = pemFile;
            return this;
        }

        /**
         * Sets {@link SignalingClientOptions#origin()}.
         *
         * @param value the {@code Origin} header to send, or null to send none
         * @return this builder
         */
        public Builder origin(String value) {
            this.origin = value;
            return this;
        }

        /**
         * Validates the values and builds the options.
         *
         * @return the immutable options
         * @throws IllegalArgumentException if the URI's scheme is not {@code ws}/{@code wss} or it has no
         *     host, a duration is null, zero or negative, the maximum reconnect delay is below the initial
         *     one, or {@code maxMessageBytes} is below 1024
         */
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
