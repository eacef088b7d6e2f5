package org.peerstack.signaling.server;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The plain HTTP endpoints on the WebSocket port: {@code GET /healthz} ("ok"; in cluster mode without
 * Redis 503 "degraded: <reason>"), {@code GET /metrics}
 * (Prometheus text) and static files from {@code http.static-dir} for every other path (404 when
 * absent). Only GET and HEAD are allowed (405). Removed from the pipeline once the WebSocket is open.
 */
@ChannelHandler.Sharable
final class HttpEndpoints extends ChannelInboundHandlerAdapter {

    static final String PROMETHEUS_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final ServerMetrics metrics;
    private final StaticFiles files;
    /** Why the node is degraded (cluster mode without Redis), or null. */
    private final Supplier<String> degraded;

    HttpEndpoints(ServerMetrics metrics, Optional<Path> staticDir) {
        this(metrics, staticDir, () -> null);
    }

    HttpEndpoints(ServerMetrics metrics, Optional<Path> staticDir, Supplier<String> degraded) {
        this.metrics = metrics;
        this.files = staticDir.map(StaticFiles::new).orElse(null);
        this.degraded = degraded;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            handle(ctx, request);
        } finally {
            ReferenceCountUtil.release(request);
        }
    }

    private void handle(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!HttpMethod.GET.equals(request.method()) && !HttpMethod.HEAD.equals(request.method())) {
            HttpResponses.sendText(ctx, request, HttpResponseStatus.METHOD_NOT_ALLOWED, "only GET and HEAD are allowed");
            return;
        }
        String path;
        try {
            path = new QueryStringDecoder(request.uri()).path();
        } catch (IllegalArgumentException e) {
            HttpResponses.sendText(ctx, request, HttpResponseStatus.BAD_REQUEST, "malformed URL");
            return;
        }
        switch (path) {
            case "/healthz" -> {
                String reason = degraded.get();
                if (reason == null) {
                    HttpResponses.sendText(ctx, request, HttpResponseStatus.OK, "ok");
                } else {
                    HttpResponses.sendText(ctx, request, HttpResponseStatus.SERVICE_UNAVAILABLE, "degraded: " + reason);
                }
            }
            case "/metrics" -> HttpResponses.send(ctx, request, HttpResponseStatus.OK, PROMETHEUS_TYPE,
                    Unpooled.copiedBuffer(metrics.scrape(), java.nio.charset.StandardCharsets.UTF_8));
            default -> serveFile(ctx, request, path);
        }
    }

    private void serveFile(ChannelHandlerContext ctx, FullHttpRequest request, String path) {
        Optional<Path> file = files == null ? Optional.empty() : files.resolve(path);
        if (file.isEmpty()) {
            HttpResponses.sendText(ctx, request, HttpResponseStatus.NOT_FOUND, "not found");
            return;
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file.get());
        } catch (IOException e) {
            HttpResponses.sendText(ctx, request, HttpResponseStatus.NOT_FOUND, "not found");
            return;
        }
        HttpResponses.send(ctx, request, HttpResponseStatus.OK, StaticFiles.contentType(file.get()),
                Unpooled.wrappedBuffer(bytes));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.fireExceptionCaught(cause);
    }
}
