package org.peerstack.signaling.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.peerstack.exc.ConfigException;
import org.peerstack.signaling.SignalingCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The peerstack signaling server: rooms of peers exchanging offers, answers, candidates and
 * application messages over WebSocket ({@code docs/signaling-protocol.md}), plus {@code /healthz},
 * {@code /metrics} and static files on the same port.
 *
 * <pre>{@code
 * try (SignalingServer server = SignalingServer.start(SignalingServerConfig.of(Map.of("server.port", "0")))) {
 *     URI uri = server.uri();   // ws://127.0.0.1:<port>/signaling
 *     ...
 * }
 * }</pre>
 *
 * <p>{@link #close()} is graceful and idempotent: it stops accepting, sends every member the error
 * {@code going-away} and close code 1001, waits up to {@code server.shutdown-grace-ms} for them to
 * close, then closes what is left and stops the event loops.
 */
public final class SignalingServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SignalingServer.class);

    private final SignalingServerConfig config;
    private final EventLoopGroup bossGroup;
    private final EventLoopGroup workerGroup;
    private final ChannelGroup channels = new DefaultChannelGroup("signaling", GlobalEventExecutor.INSTANCE);
    private final RoomRegistry rooms;
    private final ServerMetrics metrics;
    private final ClientFaults faults;
    private final Channel serverChannel;
    /**
     * The HTTP base once the port is bound (null before): the placement heartbeat runs on its own thread
     * from the constructor on and must see it without relying on the constructor having finished.
     */
    private volatile String boundUrl;
    private final boolean secure;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** WHIP/WHEP over the server's SFU (sfu.enabled), or null. */
    private final org.peerstack.signaling.server.whip.WhipEndpoint whip;
    /** SFU rooms over the same SFU (sfu.enabled), or null. */
    private final org.peerstack.signaling.server.sfu.SfuRooms sfuRooms;
    /** Passthrough recordings of SFU rooms and WHIP streams (recording.rooms), or null without an SFU. */
    private final org.peerstack.signaling.server.recording.RoomRecordings recordings;
    /** Which node owns each WHIP/WHEP stream and SFU room (cluster.enabled and sfu.enabled), or null. */
    private final org.peerstack.signaling.server.placement.SfuPlacement placement;
    /** SFU rooms across the nodes (cluster.enabled and sfu.enabled), or null. */
    private final ClusterSfu clusterSfu;

    private SignalingServer(SignalingServerConfig config, Clock clock) {
        this.config = config;
        SslContext ssl = sslContext(config.tls());
        this.secure = ssl != null;
        boolean epoll = switch (config.server().transport()) {
            case "epoll" -> {
                Epoll.ensureAvailability();
                yield true;
            }
            case "nio" -> false;
            default -> Epoll.isAvailable();
        };
        int threads = config.server().eventLoopThreads();
        this.bossGroup = epoll ? new EpollEventLoopGroup(1, new DefaultThreadFactory("signaling-accept"))
                : new NioEventLoopGroup(1, new DefaultThreadFactory("signaling-accept"));
        this.workerGroup = epoll ? new EpollEventLoopGroup(threads, new DefaultThreadFactory("signaling-io"))
                : new NioEventLoopGroup(threads, new DefaultThreadFactory("signaling-io"));
        SignalingLimits limits = config.limits();
        SignalingCodec codec = SignalingCodec.create(limits.streamReadConstraints());
        this.metrics = new ServerMetrics();
        this.rooms = config.cluster().enabled() ? new ClusterRoomRegistry(limits, config.cluster(), codec, metrics,
                        config.sfu().maxMembersPerRoom())
                : new RoomRegistry(limits.maxRooms(), limits.maxMembersPerRoom(), config.sfu().maxMembersPerRoom());
        metrics.watch(rooms);
        this.faults = new ClientFaults(metrics);
        ConnectionBudget budget = new ConnectionBudget(limits.maxConnections(), config.connections());
        metrics.gauge("signaling.connections.unjoined", "connections not in a room (counted against connections.max-unjoined)",
                budget::unjoined);
        workerGroup.scheduleAtFixedRate(faults::summarize, ClientFaults.WINDOW_SECONDS, ClientFaults.WINDOW_SECONDS,
                TimeUnit.SECONDS);
        this.whip = config.sfu().enabled() ? org.peerstack.signaling.server.whip.WhipEndpoint.start(config.sfu(),
                config.auth(), config.http().iceServers(), clock) : null;
        this.sfuRooms = whip == null ? null : new org.peerstack.signaling.server.sfu.SfuRooms(whip.sfu(),
                config.sfu().rooms(), config.sfu().maxMembersPerRoom(),
                new org.peerstack.signaling.server.sfu.SfuRoomMetrics(metrics.registry()));
        if (whip != null && config.recording().enabled()) {
            org.peerstack.signaling.server.recording.RecordingSettings.requireRecorder();
        } else if (config.recording().enabled()) {
            LOG.warn("recording.rooms is set but sfu.enabled is false: nothing is recorded");
        }
        this.recordings = whip == null || !config.recording().enabled() ? null
                : new org.peerstack.signaling.server.recording.RoomRecordings(config.recording(), clock);
        if (recordings != null) {
            whip.onRoom(recordings::attach);
            sfuRooms.onRoom(recordings::attach);
        }
        // SFU rooms over signaling share the placement of WHIP/WHEP streams: a room name is a stream name
        java.util.concurrent.atomic.AtomicReference<ClusterSfu> holder = new java.util.concurrent.atomic.AtomicReference<>();
        this.placement = whip == null || !config.cluster().enabled() ? null
                : new org.peerstack.signaling.server.placement.SfuPlacement(config.cluster(),
                        ((ClusterRoomRegistry) rooms).nodeId(), this::publicUrl,
                        () -> whip.sessionCount() + (holder.get() == null ? 0 : holder.get().hostedMembers()),
                        () -> hostedStreams(whip, holder.get()));
        this.clusterSfu = placement == null ? null : new ClusterSfu((ClusterRoomRegistry) rooms, sfuRooms, placement, metrics);
        holder.set(this.clusterSfu);
        io.netty.channel.ChannelHandler whipHandler = placement == null ? whip
                : new org.peerstack.signaling.server.placement.PlacementRedirect(placement, whip);
        SignalingServerInitializer initializer = new SignalingServerInitializer(config, ssl, whipHandler,
                new ConnectionGate(budget, metrics, faults, channels),
                new HandshakeGate(config.server().websocketPath(), config.http().allowedOrigins(), config.auth(),
                        metrics, faults, budget, clock),
                new HttpEndpoints(metrics, config.http().staticPath(), rooms::degradedReason),
                codec, rooms, metrics, faults, clock, sfuRooms, clusterSfu);
        Class<? extends ServerChannel> channelType = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(bossGroup, workerGroup)
                .channel(channelType)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(
                        OutboundQueue.socketHighWaterMark(limits.maxOutboundBufferBytes()) / 2,
                        OutboundQueue.socketHighWaterMark(limits.maxOutboundBufferBytes())))
                .childHandler(initializer);
        try {
            this.serverChannel = bootstrap.bind(config.server().host(), config.server().port()).syncUninterruptibly().channel();
            this.boundUrl = httpUri().toString().replaceAll("/$", "");
        } catch (RuntimeException e) {
            shutdownGroups();
            rooms.close();
            if (recordings != null) {
                recordings.close();
            }
            if (sfuRooms != null) {
                sfuRooms.close();
            }
            if (clusterSfu != null) {
                clusterSfu.close();
            }
            if (placement != null) {
                placement.close();
            }
            if (whip != null) {
                whip.close();
            }
            throw new ConfigException("cannot listen on " + config.server().host() + ":" + config.server().port()
                    + ": " + e.getMessage(), e);
        }
        LOG.atInfo().setMessage("signaling server listening").addKeyValue("uri", uri())
                .addKeyValue("transport", epoll ? "epoll" : "nio").addKeyValue("tls", secure)
                .addKeyValue("auth", config.auth().required())
                .addKeyValue("cluster", config.cluster().enabled())
                .addKeyValue("staticDir", config.http().staticDir()).log();
    }

    /** The WHIP/WHEP streams and the SFU rooms this node holds, renewed as its own in the placement. */
    private static java.util.List<String> hostedStreams(org.peerstack.signaling.server.whip.WhipEndpoint whip,
                                                        ClusterSfu clusterSfu) {
        java.util.List<String> streams = new java.util.ArrayList<>(whip.sfu().rooms().stream()
                .map(org.peerstack.sfu.SfuRoom::id).toList());
        if (clusterSfu != null) {
            streams.addAll(clusterSfu.hostedRooms());
        }
        return streams;
    }

    /** Binds and starts a server; returns once it accepts connections. */
    public static SignalingServer start(SignalingServerConfig config) {
        return new SignalingServer(Objects.requireNonNull(config, "config"), Clock.systemUTC());
    }

    /** As {@link #start(SignalingServerConfig)} with a clock for token expiry (only replaced in tests). */
    static SignalingServer start(SignalingServerConfig config, Clock clock) {
        return new SignalingServer(config, clock);
    }

    private static SslContext sslContext(TlsSettings tls) {
        if (!tls.enabled()) {
            return null;
        }
        try {
            return SslContextBuilder.forServer(tls.certPath().orElseThrow().toFile(), tls.keyPath().orElseThrow().toFile())
                    .build();
        } catch (javax.net.ssl.SSLException | IllegalArgumentException e) {
            throw new ConfigException("cannot load TLS certificate " + tls.certFile() + " / key " + tls.keyFile()
                    + " (PEM certificate chain and PKCS#8 PEM key expected): " + e.getMessage(), e);
        }
    }

    /** The bound TCP port (useful with {@code server.port: 0}). */
    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** The WebSocket endpoint, e.g. {@code ws://127.0.0.1:8080/signaling} ({@code wss} with TLS). */
    public URI uri() {
        return URI.create((secure ? "wss" : "ws") + "://" + hostForUri() + ":" + port() + config.server().websocketPath());
    }

    /** {@code cluster.public-url}, or the HTTP base without its slash until the server is bound ("" before). */
    private String publicUrl() {
        if (!config.cluster().publicUrl().isEmpty()) {
            return config.cluster().publicUrl();
        }
        String bound = boundUrl;
        return bound == null ? "" : bound;
    }

    /** The placement of WHIP/WHEP streams across nodes, in cluster mode with {@code sfu.enabled}. */
    public java.util.Optional<org.peerstack.signaling.server.placement.SfuPlacement> placement() {
        return java.util.Optional.ofNullable(placement);
    }

    /** The HTTP base, e.g. {@code http://127.0.0.1:8080/} ({@code https} with TLS). */
    public URI httpUri() {
        return URI.create((secure ? "https" : "http") + "://" + hostForUri() + ":" + port() + "/");
    }

    private String hostForUri() {
        String host = config.server().host();
        if (host.equals("0.0.0.0")) {
            return "127.0.0.1";
        }
        return host.contains(":") ? "[" + host + "]" : host;
    }

    public SignalingServerConfig config() {
        return config;
    }

    /** Open WebSocket connections. */
    public int websocketCount() {
        return metrics.websockets().get();
    }

    /** Rooms with at least one member. */
    public int roomCount() {
        return rooms.roomCount();
    }

    /** SFU rooms across nodes (tests only; cluster mode with sfu.enabled), or null. */
    ClusterSfu clusterSfu() {
        return clusterSfu;
    }

    /** The rooms of this node (tests only). */
    RoomRegistry rooms() {
        return rooms;
    }

    /** Why this node is degraded (cluster mode without Redis; {@code /healthz} answers 503), or empty. */
    public java.util.Optional<String> degradedReason() {
        return java.util.Optional.ofNullable(rooms.degradedReason());
    }

    /** The WHIP/WHEP endpoints and their SFU, when {@code sfu.enabled} (docs/whip-whep.md). */
    public java.util.Optional<org.peerstack.signaling.server.whip.WhipEndpoint> whip() {
        return java.util.Optional.ofNullable(whip);
    }

    /** The passthrough recordings, when {@code recording.rooms} is set and {@code sfu.enabled}. */
    public java.util.Optional<org.peerstack.signaling.server.recording.RoomRecordings> recordings() {
        return java.util.Optional.ofNullable(recordings);
    }

    /** Graceful shutdown; see the class comment. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        long grace = config.server().shutdownGraceMs();
        serverChannel.close().syncUninterruptibly();
        int open = channels.size();
        for (Channel channel : channels) {
            channel.pipeline().fireUserEventTriggered(PeerHandler.Shutdown.INSTANCE);
        }
        if (!channels.newCloseFuture().awaitUninterruptibly(grace, TimeUnit.MILLISECONDS)) {
            LOG.info("{} connection(s) still open after {} ms; closing them", channels.size(), grace);
        }
        channels.close().awaitUninterruptibly(grace, TimeUnit.MILLISECONDS);
        shutdownGroups();
        rooms.close();
        if (recordings != null) {
            recordings.close();
        }
        if (sfuRooms != null) {
            sfuRooms.close();
        }
        if (clusterSfu != null) {
            clusterSfu.close();
        }
        if (placement != null) {
            placement.close();
        }
        if (whip != null) {
            whip.close();
        }
        faults.summarize();
        metrics.close();
        LOG.atInfo().setMessage("signaling server stopped").addKeyValue("connectionsAtShutdown", open).log();
    }

    private void shutdownGroups() {
        bossGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        workerGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        bossGroup.terminationFuture().awaitUninterruptibly(10, TimeUnit.SECONDS);
        workerGroup.terminationFuture().awaitUninterruptibly(10, TimeUnit.SECONDS);
    }
}
