package org.peerstack.signaling;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.peerstack.exc.SignalingConnectionException;
import org.peerstack.exc.SignalingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket connection of a {@link SignalingClient}: the Netty pipeline (TLS, HTTP codec,
 * aggregator, keepalive, WebSocket protocol handler, frame aggregator, JSON decoding) and the
 * callbacks into the client. All callbacks run on the connection's event loop.
 */
final class ClientConnection {

    /** Largest HTTP handshake response accepted (unit: bytes). */
    static final int MAX_HANDSHAKE_RESPONSE_BYTES = 16 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(ClientConnection.class);

    /** What the connection reports to its owner (called on the event loop). */
    interface Callbacks {
        void opened(ClientConnection connection);

        void received(ClientConnection connection, SignalingMessage message);

        void closed(ClientConnection connection, int closeCode, String reason);
    }

    private final SignalingClientOptions options;
    private final SignalingCodec codec;
    private final Callbacks callbacks;
    private final CompletableFuture<Void> open = new CompletableFuture<>();
    private volatile Channel channel;
    private volatile boolean handshaken;
    private volatile int closeCode = -1;
    private volatile String closeReason = "";

    private ClientConnection(SignalingClientOptions options, SignalingCodec codec, Callbacks callbacks) {
        this.options = options;
        this.codec = codec;
        this.callbacks = callbacks;
    }

    /** Starts connecting; the returned connection's {@link #open()} completes after the handshake. */
    static ClientConnection start(EventLoopGroup group, SslContext ssl, SignalingClientOptions options,
                                  SignalingCodec codec, Callbacks callbacks) {
        ClientConnection connection = new ClientConnection(options, codec, callbacks);
        URI uri = options.uri();
        int port = uri.getPort() > 0 ? uri.getPort() : (options.isSecure() ? 443 : 80);
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) options.connectTimeout().toMillis())
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connection.initPipeline(ch, ssl, uri.getHost(), port);
                    }
                });
        ChannelFuture connect = bootstrap.connect(uri.getHost(), port);
        connection.channel = connect.channel();
        connect.addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                connection.open.completeExceptionally(new SignalingConnectionException(
                        "cannot connect to " + uri + ": " + f.cause(), f.cause()));
            }
        });
        return connection;
    }

    private void initPipeline(SocketChannel ch, SslContext ssl, String host, int port) {
        ChannelPipeline p = ch.pipeline();
        if (ssl != null) {
            SslHandler tls = ssl.newHandler(ch.alloc(), host, port);
            SSLEngine engine = tls.engine();
            SSLParameters parameters = engine.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            engine.setSSLParameters(parameters);
            p.addLast(tls);
        }
        HttpHeaders headers = new DefaultHttpHeaders();
        options.origin().ifPresent(origin -> headers.set(HttpHeaderNames.ORIGIN, origin));
        long keepalive = options.keepaliveInterval().toMillis();
        p.addLast(new HttpClientCodec());
        p.addLast(new HttpObjectAggregator(MAX_HANDSHAKE_RESPONSE_BYTES));
        p.addLast(new IdleStateHandler(3 * keepalive, keepalive, 0, TimeUnit.MILLISECONDS));
        p.addLast(new WebSocketClientProtocolHandler(WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(options.uri())
                .subprotocol(SignalingMessage.SUBPROTOCOL)
                .customHeaders(headers)
                .maxFramePayloadLength(options.maxMessageBytes())
                .handshakeTimeoutMillis(options.connectTimeout().toMillis())
                .handleCloseFrames(false)
                .dropPongFrames(true)
                .build()));
        p.addLast(new WebSocketFrameAggregator(options.maxMessageBytes()));
        p.addLast(new Handler());
    }

    /** Completes when the WebSocket handshake is done; fails if it cannot be. */
    CompletableFuture<Void> open() {
        return open;
    }

    boolean isActive() {
        Channel ch = channel;
        return ch != null && ch.isActive() && handshaken;
    }

    /** Encodes and writes {@code message}; the future completes when it is written. */
    CompletableFuture<Void> send(SignalingMessage message) {
        CompletableFuture<Void> written = new CompletableFuture<>();
        Channel ch = channel;
        if (ch == null || !isActive()) {
            written.completeExceptionally(new SignalingConnectionException("not connected to the signaling server"));
            return written;
        }
        ByteBuf buffer = ch.alloc().buffer(256);
        try {
            codec.encode(message, buffer);
        } catch (RuntimeException e) {
            buffer.release();
            written.completeExceptionally(e);
            return written;
        }
        ch.writeAndFlush(new TextWebSocketFrame(buffer)).addListener((ChannelFutureListener) f -> {
            if (f.isSuccess()) {
                written.complete(null);
            } else {
                written.completeExceptionally(new SignalingConnectionException("cannot send: " + f.cause(), f.cause()));
            }
        });
        return written;
    }

    /** Sends a normal-closure close frame and closes; returns when the channel is closed. */
    ChannelFuture close(int code, String reason) {
        Channel ch = channel;
        if (ch.isActive() && handshaken) {
            ch.writeAndFlush(new CloseWebSocketFrame(code, reason)).addListener(ChannelFutureListener.CLOSE);
        } else {
            ch.close();
        }
        return ch.closeFuture();
    }

    ChannelFuture closeFuture() {
        return channel.closeFuture();
    }

    private final class Handler extends ChannelInboundHandlerAdapter {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                if (!open.isDone()) {
                    handshaken = true;
                    callbacks.opened(ClientConnection.this);
                    open.complete(null);
                }
            } else if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
                open.completeExceptionally(new SignalingConnectionException(
                        "WebSocket handshake with " + options.uri() + " timed out"));
            } else if (evt instanceof IdleStateEvent idle) {
                if (idle.state() == IdleState.WRITER_IDLE) {
                    ctx.writeAndFlush(new PingWebSocketFrame());
                } else if (idle.state() == IdleState.READER_IDLE) {
                    LOG.debug("no data from {} for 3 keepalive intervals; closing", options.uri());
                    closeReason = "server silent";
                    ctx.close();
                }
            } else {
                super.userEventTriggered(ctx, evt);
            }
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof TextWebSocketFrame text) {
                    SignalingMessage message;
                    try {
                        message = codec.decode(text.content());
                    } catch (SignalingException e) {
                        LOG.debug("ignoring an undecodable message from the server: {}", e.getMessage());
                        return;
                    }
                    callbacks.received(ClientConnection.this, message);
                } else if (msg instanceof CloseWebSocketFrame close) {
                    closeCode = close.statusCode();
                    closeReason = close.reasonText();
                    ctx.writeAndFlush(new CloseWebSocketFrame(close.statusCode(), ""))
                            .addListener(ChannelFutureListener.CLOSE);
                } else if (msg instanceof WebSocketFrame) {
                    LOG.debug("ignoring a {} from the server", msg.getClass().getSimpleName());
                }
            } finally {
                io.netty.util.ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (cause instanceof WebSocketClientHandshakeException handshake) {
                String status = handshake.response() == null ? "" : " (HTTP " + handshake.response().status() + ")";
                open.completeExceptionally(new SignalingConnectionException(
                        "the server refused the WebSocket handshake" + status + ": " + handshake.getMessage(), cause));
            } else {
                LOG.debug("signaling connection error: {}", cause.toString());
                open.completeExceptionally(new SignalingConnectionException("connection error: " + cause, cause));
            }
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            open.completeExceptionally(new SignalingConnectionException("connection to " + options.uri() + " closed"
                    + (closeCode > 0 ? " with code " + closeCode + " " + closeReason : "")));
            callbacks.closed(ClientConnection.this, closeCode, closeReason);
            super.channelInactive(ctx);
        }
    }
}
