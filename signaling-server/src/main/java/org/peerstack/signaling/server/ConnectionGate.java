package org.peerstack.signaling.server;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.group.ChannelGroup;
import io.netty.util.AttributeKey;

/**
 * First handler of every connection: counts open connections against {@code limits.max-connections}
 * and registers the channel for graceful shutdown. A connection over the limit is marked; its first
 * HTTP request is answered with 503 by {@link HandshakeGate}.
 */
@ChannelHandler.Sharable
final class ConnectionGate extends ChannelInboundHandlerAdapter {

    /** Set on connections accepted beyond {@code max-connections}. */
    static final AttributeKey<Boolean> OVER_LIMIT = AttributeKey.valueOf("peerstack.overLimit");

    private final ServerMetrics metrics;
    private final ChannelGroup channels;
    private final int maxConnections;

    ConnectionGate(ServerMetrics metrics, ChannelGroup channels, int maxConnections) {
        this.metrics = metrics;
        this.channels = channels;
        this.maxConnections = maxConnections;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        if (metrics.connections().incrementAndGet() > maxConnections) {
            ctx.channel().attr(OVER_LIMIT).set(Boolean.TRUE);
            metrics.refused("max-connections");
        } else {
            channels.add(ctx.channel());
        }
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        metrics.connections().decrementAndGet();
        super.channelInactive(ctx);
    }
}
