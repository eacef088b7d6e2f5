package org.peerstack.signaling.server;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.peerstack.signaling.SignalingCodec;
import org.peerstack.signaling.SignalingMessage;

/**
 * The pipeline of one connection, in wire order: [TLS] → connection gate → HTTP codec → HTTP aggregator
 * → handshake gate (origin, subprotocol, token, limit) → idle timer (whole frames) → WebSocket protocol handler →
 * frame aggregator → HTTP endpoints (healthz, metrics, static) → rate limiter → outbound queue (slow
 * consumers) → JSON codec → room logic.
 * The handshake gate and HTTP endpoints leave the pipeline when the WebSocket opens; Netty replaces
 * the HTTP codec and aggregator by the WebSocket frame codec.
 */
final class SignalingServerInitializer extends ChannelInitializer<SocketChannel> {

    /** Longest HTTP request line (bytes). */
    static final int MAX_INITIAL_LINE_BYTES = 4096;

    private final SignalingServerConfig config;
    private final SslContext ssl;
    private final ConnectionGate connectionGate;
    private final HandshakeGate handshakeGate;
    private final HttpEndpoints endpoints;
    private final JsonCodec json;
    private final SignalingCodec codec;
    private final RoomRegistry rooms;
    private final ServerMetrics metrics;
    private final ClientFaults faults;
    private final Clock clock;
    private final WebSocketServerProtocolConfig websocket;
    /** WHIP/WHEP endpoints (sfu.enabled), or null. */
    private final io.netty.channel.ChannelHandler whip;
    /** SFU rooms (sfu.enabled), or null. */
    private final org.peerstack.signaling.server.sfu.SfuRooms sfuRooms;
    /** SFU rooms across cluster nodes (cluster mode with sfu.enabled), or null. */
    private final ClusterSfu clusterSfu;

    SignalingServerInitializer(SignalingServerConfig config, SslContext ssl, io.netty.channel.ChannelHandler whip,
                               ConnectionGate connectionGate,
                               HandshakeGate handshakeGate, HttpEndpoints endpoints, SignalingCodec codec, RoomRegistry rooms,
                               ServerMetrics metrics, ClientFaults faults, Clock clock,
                               org.peerstack.signaling.server.sfu.SfuRooms sfuRooms, ClusterSfu clusterSfu) {
        this.sfuRooms = sfuRooms;
        this.clusterSfu = clusterSfu;
        this.faults = faults;
        this.whip = whip;
        this.config = config;
        this.ssl = ssl;
        this.connectionGate = connectionGate;
        this.handshakeGate = handshakeGate;
        this.endpoints = endpoints;
        this.codec = codec;
        this.json = new JsonCodec(codec, metrics);
        this.rooms = rooms;
        this.metrics = metrics;
        this.clock = clock;
        SignalingLimits limits = config.limits();
        this.websocket = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(config.server().websocketPath())
                .subprotocols(SignalingMessage.SUBPROTOCOL)
                .checkStartsWith(true)
                .handshakeTimeoutMillis(limits.handshakeTimeoutMs())
                .dropPongFrames(true)
                .handleCloseFrames(true)
                .decoderConfig(WebSocketDecoderConfig.newBuilder()
                        .maxFramePayloadLength(limits.maxMessageBytes())
                        .allowExtensions(false)
                        .allowMaskMismatch(false)
                        .closeOnProtocolViolation(false)
                        // whole messages are checked by JsonCodec (Utf8Check), at a fraction of the cost
                        .withUTF8Validator(false)
                        .build())
                .build();
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        SignalingLimits limits = config.limits();
        ChannelPipeline p = ch.pipeline();
        if (ssl != null) {
            p.addLast(ssl.newHandler(ch.alloc()));
        }
        p.addLast(connectionGate);
        p.addLast(new HttpServerCodec(MAX_INITIAL_LINE_BYTES, limits.maxHttpRequestBytes(), limits.maxHttpRequestBytes()));
        p.addLast(new HttpObjectAggregator(limits.maxHttpRequestBytes()));
        p.addLast(handshakeGate);
        // After the frame decoder that replaces the HTTP codec: it sees whole frames (pings included), so
        // a frame dripped in byte by byte does not keep a connection alive. Before the WebSocket opens,
        // the handshake timeout applies.
        p.addLast(new IdleStateHandler(limits.idleTimeoutMs(), 0, 0, TimeUnit.MILLISECONDS));
        p.addLast(new WebSocketServerProtocolHandler(websocket));
        p.addLast(new WebSocketFrameAggregator(limits.maxMessageBytes()));
        p.addLast(IceServersEndpoint.of(config.http().iceServers()));
        if (whip != null) {
            p.addLast(whip); // before the endpoints, which take every other HTTP request
        }
        p.addLast(endpoints);
        p.addLast(new RateLimiter(limits.maxMessagesPerSecond(), limits.messageBurst(), metrics));
        p.addLast(new OutboundQueue(limits.maxOutboundBufferBytes(), codec, metrics));
        p.addLast(json);
        p.addLast(new PeerHandler(rooms, limits, config.auth(), metrics, faults, config.connections().joinTimeoutMs(),
                clock, sfuRooms, clusterSfu));
    }
}
