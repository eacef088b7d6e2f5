package org.peerstack.signaling.server.placement;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * In front of the WHIP/WHEP endpoint in cluster mode: a request for {@code /whip/<stream>...} or
 * {@code /whep/<stream>...} whose stream is owned by another node is answered {@code 307 Temporary
 * Redirect} to the owner's public URL with the same path and query (the client repeats the method and
 * body there, RFC 9110 §15.4.8); one for a stream this node owns, or not placed, goes on to the endpoint.
 * A {@code POST} places an unplaced stream first ({@link SfuPlacement}). {@code OPTIONS} is answered
 * locally (CORS preflight). Redis not answering, or an owner that has not published its URL yet (still
 * starting): {@code 503} with {@code Retry-After}.
 *
 * <p>Added to a pipeline, it puts {@code endpoint} right after itself. While Redis answers, the channel
 * reads nothing more, so requests keep their order.
 */
@ChannelHandler.Sharable
public final class PlacementRedirect extends ChannelInboundHandlerAdapter {

    /** Retry-After of the 503 when the placement cannot be read (seconds). */
    public static final int RETRY_AFTER_SECONDS = 2;

    private static final Pattern STREAM_PATH = Pattern.compile("/(whip|whep)/([A-Za-z0-9._-]{1,128})(/.*)?");

    private final SfuPlacement placement;
    private final ChannelHandler endpoint;

    public PlacementRedirect(SfuPlacement placement, ChannelHandler endpoint) {
        this.placement = placement;
        this.endpoint = endpoint;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        ctx.pipeline().addAfter(ctx.name(), null, endpoint);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request) || HttpMethod.OPTIONS.equals(request.method())) {
            ctx.fireChannelRead(msg);
            return;
        }
        java.util.regex.Matcher m;
        try {
            m = STREAM_PATH.matcher(new QueryStringDecoder(request.uri()).path());
        } catch (IllegalArgumentException e) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (!m.matches()) {
            ctx.fireChannelRead(msg);
            return;
        }
        boolean place = HttpMethod.POST.equals(request.method()) && m.group(3) == null;
        ctx.channel().config().setAutoRead(false);
        placement.locate(m.group(2), place).whenComplete((owner, failure) -> ctx.executor().execute(() -> {
            ctx.channel().config().setAutoRead(true);
            if (failure != null) {
                respond(ctx, request, HttpResponseStatus.SERVICE_UNAVAILABLE, null,
                        "the cluster's placement of streams is unreachable; retry later");
            } else if (owner.isPresent() && !owner.get().self() && owner.get().url().isEmpty()) {
                // the owner has not published its URL yet (still starting): never serve its stream here too
                respond(ctx, request, HttpResponseStatus.SERVICE_UNAVAILABLE, null,
                        "stream '" + m.group(2) + "' is served by a node that is still starting; retry later");
            } else if (owner.isPresent() && !owner.get().self()) {
                respond(ctx, request, HttpResponseStatus.TEMPORARY_REDIRECT, owner.get().url() + request.uri(),
                        "stream '" + m.group(2) + "' is served by " + owner.get().url());
            } else {
                ctx.fireChannelRead(request);
            }
        }));
    }

    private static void respond(ChannelHandlerContext ctx, FullHttpRequest request, HttpResponseStatus status,
                                String location, String text) {
        try {
            FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                    Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
            r.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
            HttpUtil.setContentLength(r, r.content().readableBytes());
            if (location != null) {
                r.headers().set(HttpHeaderNames.LOCATION, location);
            } else {
                r.headers().set(HttpHeaderNames.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS));
            }
            r.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
            r.headers().set(HttpHeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, "Location, ETag, Link");
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            HttpUtil.setKeepAlive(r, keepAlive);
            var written = ctx.writeAndFlush(r);
            if (!keepAlive) {
                written.addListener(ChannelFutureListener.CLOSE);
            }
        } finally {
            ReferenceCountUtil.release(request);
        }
    }
}
