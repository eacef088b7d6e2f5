package org.peerstack.sfu;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.peerstack.exc.TypeException;

/**
 * Immutable configuration of an {@link SfuServer}; build with {@link #newBuilder()}, change with
 * {@link #toBuilder()}. Every limit is a named default here; {@link Builder#build()} validates.
 */
public final class SfuConfig {

    /** Default UDP port of the media socket (0 would pick a free one). */
    public static final int DEFAULT_PORT = 40_000;
    public static final String DEFAULT_BIND_ADDRESS = "0.0.0.0";
    public static final Duration DEFAULT_DTLS_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
    /** RFC 7675 §5.1: consent expires 30 s after the last successful check. */
    public static final Duration DEFAULT_CONSENT_TIMEOUT = Duration.ofSeconds(30);
    /** The bitrate announced to publishers by REMB: libwebrtc's send-side estimate ramps to it. */
    public static final long DEFAULT_MAX_PUBLISH_BITRATE = 2_500_000;
    /** Packets kept per published stream to answer NACKs (about 2 s of 640x360@30 VP8 video). */
    public static final int DEFAULT_PACKET_CACHE_SIZE = 1024;
    /** Smallest gap between two keyframe requests to one publisher stream. */
    public static final Duration DEFAULT_KEYFRAME_REQUEST_INTERVAL = Duration.ofMillis(250);
    /** How often one lost packet is NACKed to the publisher before giving up (a keyframe is requested then). */
    public static final int DEFAULT_NACK_MAX_RETRIES = 5;
    /**
     * Least time between two NACKs of one lost packet to a publisher. The wait grows with the publisher's
     * measured answer time and doubles with each retry of a packet (up to 250 ms), so the default five
     * NACKs go out over about 530 ms.
     */
    public static final Duration DEFAULT_NACK_RETRY_INTERVAL = Duration.ofMillis(40);
    public static final int DEFAULT_MAX_PEERS = 2_000;
    public static final int DEFAULT_MAX_TRACKS_PER_PUBLISHER = 16;
    public static final int DEFAULT_DTLS_THREADS = 4;
    public static final int DEFAULT_SOCKET_BUFFER_BYTES = 4 * 1024 * 1024;
    /**
     * Most datagrams queued before a flush (one {@code sendmmsg}) with batched I/O; see {@link #writeBatch()}.
     */
    public static final int DEFAULT_WRITE_BATCH = 64;
    /** Largest {@link #writeBatch()}: the most datagrams one {@code sendmmsg} takes (Linux UIO_MAXIOV). */
    public static final int MAX_WRITE_BATCH = 1024;
    /** Transport-wide congestion control with publishers that offer it (see {@link #transportCc()}). */
    public static final boolean DEFAULT_TRANSPORT_CC = false;

    /** The DTLS role the SFU takes when the remote offers {@code a=setup:actpass}. */
    public enum DtlsRole { SERVER, CLIENT }

    private final String bindAddress;
    private final int port;
    private final List<String> announcedAddresses;
    private final int announcedPort;
    private final DtlsRole roleForActpass;
    private final List<String> srtpProfiles;
    private final Duration dtlsHandshakeTimeout;
    private final Duration consentTimeout;
    private final long maxPublishBitrate;
    private final int packetCacheSize;
    private final Duration keyframeRequestInterval;
    private final int nackMaxRetries;
    private final Duration nackRetryInterval;
    private final int maxPeers;
    private final int maxTracksPerPublisher;
    private final int dtlsThreads;
    private final int socketBufferBytes;
    private final boolean batchedIo;
    private final int writeBatch;
    private final boolean transportCc;

    private SfuConfig(Builder b) {
        this.bindAddress = b.bindAddress;
        this.port = b.port;
        this.announcedAddresses = List.copyOf(b.announcedAddresses);
        this.announcedPort = b.announcedPort;
        this.roleForActpass = b.roleForActpass;
        this.srtpProfiles = List.copyOf(b.srtpProfiles);
        this.dtlsHandshakeTimeout = b.dtlsHandshakeTimeout;
        this.consentTimeout = b.consentTimeout;
        this.maxPublishBitrate = b.maxPublishBitrate;
        this.packetCacheSize = b.packetCacheSize;
        this.keyframeRequestInterval = b.keyframeRequestInterval;
        this.nackMaxRetries = b.nackMaxRetries;
        this.nackRetryInterval = b.nackRetryInterval;
        this.maxPeers = b.maxPeers;
        this.maxTracksPerPublisher = b.maxTracksPerPublisher;
        this.dtlsThreads = b.dtlsThreads;
        this.socketBufferBytes = b.socketBufferBytes;
        this.batchedIo = b.batchedIo;
        this.writeBatch = b.writeBatch;
        this.transportCc = b.transportCc;
    }

    public static Builder newBuilder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.bindAddress = bindAddress;
        b.port = port;
        b.announcedAddresses = announcedAddresses;
        b.announcedPort = announcedPort;
        b.roleForActpass = roleForActpass;
        b.srtpProfiles = srtpProfiles;
        b.dtlsHandshakeTimeout = dtlsHandshakeTimeout;
        b.consentTimeout = consentTimeout;
        b.maxPublishBitrate = maxPublishBitrate;
        b.packetCacheSize = packetCacheSize;
        b.keyframeRequestInterval = keyframeRequestInterval;
        b.nackMaxRetries = nackMaxRetries;
        b.nackRetryInterval = nackRetryInterval;
        b.maxPeers = maxPeers;
        b.maxTracksPerPublisher = maxTracksPerPublisher;
        b.dtlsThreads = dtlsThreads;
        b.socketBufferBytes = socketBufferBytes;
        b.batchedIo = batchedIo;
        b.writeBatch = writeBatch;
        b.transportCc = transportCc;
        return b;
    }

    /**
     * Whether publishers that offer transport-wide congestion control (the transport-wide-cc-01 header
     * extension and {@code transport-cc} feedback) get it: the SFU then sends them TWCC feedback and
     * libwebrtc's send-side estimator sets their bitrate from the path (REMB stays the cap). Off: REMB
     * alone, which libwebrtc takes as its estimate (a fixed rate). Default {@link #DEFAULT_TRANSPORT_CC}.
     */
    public boolean transportCc() {
        return transportCc;
    }

    /** The address the media socket binds (IPv4 or IPv6; a wildcard binds all). */
    public String bindAddress() {
        return bindAddress;
    }

    /** The UDP port of the media socket; 0 picks a free one. */
    public int port() {
        return port;
    }

    /** Addresses written into candidates; empty means the bind address (which must then not be a wildcard). */
    public List<String> announcedAddresses() {
        return announcedAddresses;
    }

    /** The port written into candidates (a port-forwarding firewall's outside port); 0 means the bound port. */
    public int announcedPort() {
        return announcedPort;
    }

    public DtlsRole roleForActpass() {
        return roleForActpass;
    }

    /** DTLS-SRTP profiles in preference order: "AEAD_AES_128_GCM", "AES128_CM_HMAC_SHA1_80". */
    public List<String> srtpProfiles() {
        return srtpProfiles;
    }

    public Duration dtlsHandshakeTimeout() {
        return dtlsHandshakeTimeout;
    }

    public Duration consentTimeout() {
        return consentTimeout;
    }

    /** Bits per second announced to publishers by REMB. */
    public long maxPublishBitrate() {
        return maxPublishBitrate;
    }

    public int packetCacheSize() {
        return packetCacheSize;
    }

    public Duration keyframeRequestInterval() {
        return keyframeRequestInterval;
    }

    public int nackMaxRetries() {
        return nackMaxRetries;
    }

    /** Least time between two NACKs of one lost packet (see {@link #DEFAULT_NACK_RETRY_INTERVAL}). */
    public Duration nackRetryInterval() {
        return nackRetryInterval;
    }

    /** Peer connections (publishers + subscribers) served at once; more are refused. */
    public int maxPeers() {
        return maxPeers;
    }

    public int maxTracksPerPublisher() {
        return maxTracksPerPublisher;
    }

    /** Threads running DTLS handshakes (blocking Bouncy Castle code, off the media I/O thread). */
    public int dtlsThreads() {
        return dtlsThreads;
    }

    public int socketBufferBytes() {
        return socketBufferBytes;
    }

    /**
     * True (default): the media socket reads up to 32 datagrams per system call ({@code recvmmsg} on
     * epoll) and queues writes, flushed as one {@code sendmmsg} as {@link #writeBatch()} says. False: one
     * datagram per read and one system call per written datagram, to measure what batching buys.
     */
    public boolean batchedIo() {
        return batchedIo;
    }

    /**
     * With {@link #batchedIo()}: the most datagrams queued before they are sent. Writes are also sent
     * when the handling of each received datagram ends, so the copies of one forwarded packet to every
     * subscriber leave in one {@code sendmmsg} (in slices of this many) before the next received packet
     * is handled. 0: sent only at the end of each read batch (up to 32 received packets' copies in one
     * system call: the fewest calls, but the first packet's copies wait for the whole batch, which costs
     * milliseconds of added delay at 100 subscribers). 0..{@link #MAX_WRITE_BATCH}, default
     * {@link #DEFAULT_WRITE_BATCH}. Ignored without batched I/O.
     */
    public int writeBatch() {
        return writeBatch;
    }

    @Override
    public String toString() {
        return "SfuConfig[bind=" + bindAddress + ":" + port + ", announced=" + announcedAddresses + ", actpass="
                + roleForActpass + ", srtp=" + srtpProfiles + ", maxPublishBitrate=" + maxPublishBitrate + "]";
    }

    /** Builder with the documented defaults. */
    public static final class Builder {
        private String bindAddress = DEFAULT_BIND_ADDRESS;
        private int port = DEFAULT_PORT;
        private List<String> announcedAddresses = List.of();
        private int announcedPort;
        private DtlsRole roleForActpass = DtlsRole.SERVER;
        private List<String> srtpProfiles = List.of("AEAD_AES_128_GCM", "AES128_CM_HMAC_SHA1_80");
        private Duration dtlsHandshakeTimeout = DEFAULT_DTLS_HANDSHAKE_TIMEOUT;
        private Duration consentTimeout = DEFAULT_CONSENT_TIMEOUT;
        private long maxPublishBitrate = DEFAULT_MAX_PUBLISH_BITRATE;
        private int packetCacheSize = DEFAULT_PACKET_CACHE_SIZE;
        private Duration keyframeRequestInterval = DEFAULT_KEYFRAME_REQUEST_INTERVAL;
        private int nackMaxRetries = DEFAULT_NACK_MAX_RETRIES;
        private Duration nackRetryInterval = DEFAULT_NACK_RETRY_INTERVAL;
        private int maxPeers = DEFAULT_MAX_PEERS;
        private int maxTracksPerPublisher = DEFAULT_MAX_TRACKS_PER_PUBLISHER;
        private int dtlsThreads = DEFAULT_DTLS_THREADS;
        private int socketBufferBytes = DEFAULT_SOCKET_BUFFER_BYTES;
        private boolean batchedIo = true;
        private int writeBatch = DEFAULT_WRITE_BATCH;
        private boolean transportCc = DEFAULT_TRANSPORT_CC;

        private Builder() {
        }

        public Builder bindAddress(String address) {
            this.bindAddress = Objects.requireNonNull(address, "address");
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder announcedAddresses(List<String> addresses) {
            this.announcedAddresses = List.copyOf(addresses);
            return this;
        }

        public Builder announcedAddress(String address) {
            return announcedAddresses(List.of(address));
        }

        public Builder announcedPort(int port) {
            this.announcedPort = port;
            return this;
        }

        public Builder roleForActpass(DtlsRole role) {
            this.roleForActpass = Objects.requireNonNull(role, "role");
            return this;
        }

        public Builder srtpProfiles(List<String> profiles) {
            this.srtpProfiles = List.copyOf(profiles);
            return this;
        }

        public Builder dtlsHandshakeTimeout(Duration timeout) {
            this.dtlsHandshakeTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        public Builder consentTimeout(Duration timeout) {
            this.consentTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        public Builder maxPublishBitrate(long bitsPerSecond) {
            this.maxPublishBitrate = bitsPerSecond;
            return this;
        }

        public Builder packetCacheSize(int packets) {
            this.packetCacheSize = packets;
            return this;
        }

        public Builder keyframeRequestInterval(Duration interval) {
            this.keyframeRequestInterval = Objects.requireNonNull(interval, "interval");
            return this;
        }

        public Builder nackMaxRetries(int retries) {
            this.nackMaxRetries = retries;
            return this;
        }

        public Builder nackRetryInterval(Duration interval) {
            this.nackRetryInterval = Objects.requireNonNull(interval, "interval");
            return this;
        }

        public Builder maxPeers(int peers) {
            this.maxPeers = peers;
            return this;
        }

        public Builder maxTracksPerPublisher(int tracks) {
            this.maxTracksPerPublisher = tracks;
            return this;
        }

        public Builder dtlsThreads(int threads) {
            this.dtlsThreads = threads;
            return this;
        }

        public Builder transportCc(boolean enabled) {
            this.transportCc = enabled;
            return this;
        }

        public Builder batchedIo(boolean batched) {
            this.batchedIo = batched;
            return this;
        }

        /** See {@link SfuConfig#writeBatch()}. */
        public Builder writeBatch(int datagrams) {
            this.writeBatch = datagrams;
            return this;
        }

        public Builder socketBufferBytes(int bytes) {
            this.socketBufferBytes = bytes;
            return this;
        }

        /** Validates and builds; {@link TypeException} names the first bad value. */
        public SfuConfig build() {
            check(port >= 0 && port <= 65_535, "port must be 0..65535: " + port);
            check(announcedPort >= 0 && announcedPort <= 65_535, "announcedPort must be 0..65535: " + announcedPort);
            check(!srtpProfiles.isEmpty(), "at least one SRTP profile is needed");
            for (String p : srtpProfiles) {
                check(p.equals("AEAD_AES_128_GCM") || p.equals("AES128_CM_HMAC_SHA1_80"), "unknown SRTP profile: " + p);
            }
            check(!dtlsHandshakeTimeout.isNegative() && !dtlsHandshakeTimeout.isZero(), "dtlsHandshakeTimeout must be positive");
            check(!consentTimeout.isNegative() && !consentTimeout.isZero(), "consentTimeout must be positive");
            check(maxPublishBitrate >= 30_000, "maxPublishBitrate must be at least 30000 bit/s");
            check(packetCacheSize >= 16 && Integer.bitCount(packetCacheSize) == 1, "packetCacheSize must be a power of two >= 16");
            check(!keyframeRequestInterval.isNegative(), "keyframeRequestInterval must not be negative");
            check(nackMaxRetries >= 0 && nackMaxRetries <= 20, "nackMaxRetries must be 0..20");
            // NACKs go out on the 20 ms media timer; 250 ms is the longest wait between two NACKs of a packet
            check(nackRetryInterval.compareTo(Duration.ofMillis(20)) >= 0
                    && nackRetryInterval.compareTo(Duration.ofMillis(250)) <= 0, "nackRetryInterval must be 20..250 ms");
            check(maxPeers >= 1, "maxPeers must be at least 1");
            check(maxTracksPerPublisher >= 1 && maxTracksPerPublisher <= 64, "maxTracksPerPublisher must be 1..64");
            check(dtlsThreads >= 1 && dtlsThreads <= 64, "dtlsThreads must be 1..64");
            check(socketBufferBytes >= 65_536, "socketBufferBytes must be at least 65536");
            check(writeBatch >= 0 && writeBatch <= MAX_WRITE_BATCH, "writeBatch must be 0.." + MAX_WRITE_BATCH + ": " + writeBatch);
            return new SfuConfig(this);
        }

        private static void check(boolean ok, String message) {
            if (!ok) {
                throw new TypeException("Invalid SFU configuration: " + message);
            }
        }
    }
}
