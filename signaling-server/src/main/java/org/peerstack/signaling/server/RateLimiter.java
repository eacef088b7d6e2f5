package org.peerstack.signaling.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.TimeUnit;
import org.peerstack.exc.ErrorCode;

/**
 * Per-connection token bucket over data frames, ahead of JSON decoding so that a flood costs no
 * parsing: {@code max-messages-per-second} sustained plus {@code message-burst}. A frame over the
 * rate is dropped; at most one {@code rate-limited} {@link Rejected} per second goes up to be answered.
 */
final class RateLimiter extends ChannelInboundHandlerAdapter {

    private static final long NOTICE_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final double ratePerNano;
    private final double capacity;
    private final int perSecond;
    private double tokens;
    private long lastRefill;
    private long lastNotice;
    private long dropped;

    private final ServerMetrics metrics;

    RateLimiter(int perSecond, int burst, ServerMetrics metrics) {
        this.metrics = metrics;
        this.perSecond = perSecond;
        this.ratePerNano = perSecond / 1e9;
        this.capacity = perSecond + (double) burst;
        this.tokens = capacity;
        this.lastRefill = System.nanoTime();
        this.lastNotice = lastRefill - NOTICE_INTERVAL_NANOS;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof TextWebSocketFrame) && !(msg instanceof BinaryWebSocketFrame)) {
            ctx.fireChannelRead(msg);
            return;
        }
        long now = System.nanoTime();
        tokens = Math.min(capacity, tokens + (now - lastRefill) * ratePerNano);
        lastRefill = now;
        if (tokens >= 1) {
            tokens -= 1;
            ctx.fireChannelRead(msg);
            return;
        }
        ReferenceCountUtil.release(msg);
        dropped++;
        metrics.dropped(ServerMetrics.Drop.RATE_LIMITED, 1);
        if (now - lastNotice >= NOTICE_INTERVAL_NANOS) {
            lastNotice = now;
            ctx.fireChannelRead(new Rejected(ErrorCode.RATE_LIMITED, "more than " + perSecond
                    + " messages per second; " + dropped + " message(s) dropped so far", null));
        }
    }
}
