package org.peerstack.signaling.server.whip;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.peerstack.exc.OperationException;
import org.peerstack.exc.PeerstackException;
import org.peerstack.signaling.server.whip.StreamSessions.Session;

/**
 * The HTTP answers of the WHIP/WHEP resources, shared by every method: each response is a full one
 * with {@code Content-Length} and {@code Cache-Control: no-store}, the CORS headers of the request's
 * origin, and the request's keep-alive; the 201 that creates a session (with its connect timeout), and
 * the mapping of an SFU failure to a status code. Called on the request's event loop.
 */
final class WhipReplies {

    static final String SDP = "application/sdp";
    static final String SDPFRAG = "application/trickle-ice-sdpfrag";
    static final String TEXT = "text/plain; charset=utf-8";

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(WhipEndpoint.class);

    private final StreamSessions sessions;
    private final SfuSettings settings;
    /** {@code Link} header values for the configured STUN/TURN servers (RFC 9725 §4.6). */
    private final List<String> iceServerLinks;

    WhipReplies(StreamSessions sessions, SfuSettings settings, List<String> iceServerLinks) {
        this.sessions = sessions;
        this.settings = settings;
        this.iceServerLinks = iceServerLinks;
    }

    /** Adds the ICE server {@code Link} headers to {@code r}. */
    void addIceServerLinks(FullHttpResponse r) {
        iceServerLinks.forEach(link -> r.headers().add("Link", link));
    }

    /** The SDP body of {@code request}, or null after answering 415/400. */
    String sdpBody(ChannelHandlerContext ctx, FullHttpRequest request, boolean answer) {
        if (!isType(request, SDP)) {
            text(ctx, request, HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE, "the " + (answer ? "answer" : "offer")
                    + " must be " + SDP);
            return null;
        }
        String sdp = request.content().toString(StandardCharsets.UTF_8);
        if (!sdp.startsWith("v=0")) {
            text(ctx, request, HttpResponseStatus.BAD_REQUEST, "the body is not an SDP description (no v=0 line)");
            return null;
        }
        return sdp;
    }

    /** 201 with {@code sdp}, the session's Location and ETag; ends the session if it never connects. */
    void created(ChannelHandlerContext ctx, FullHttpRequest request, Session session, String sdp) {
        session.localSdp = sdp;
        FullHttpResponse r = response(HttpResponseStatus.CREATED, SDP, sdp);
        r.headers().set(HttpHeaderNames.LOCATION, "/" + (session.whip ? "whip" : "whep") + "/" + session.stream + "/" + session.id);
        r.headers().set(HttpHeaderNames.ETAG, quoted(session.etag));
        addIceServerLinks(r);
        send(ctx, request, r);
        // a client that never connects (or a player that never answers) must not hold a session slot
        ctx.executor().schedule(() -> {
            if (!session.connected) {
                sessions.end(session);
            }
        }, settings.connectTimeoutMs(), TimeUnit.MILLISECONDS);
    }

    /** Maps an SFU failure to 400 (SDP syntax), 503 (too many peers) or 422 (anything else it refused). */
    void refused(ChannelHandlerContext ctx, FullHttpRequest request, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof OperationException op) {
            switch (op.errorDetail()) {
                case "sdp-syntax-error" -> text(ctx, request, HttpResponseStatus.BAD_REQUEST, op.getMessage());
                case "too-many-peers" -> overloaded(ctx, request);
                default -> text(ctx, request, HttpResponseStatus.UNPROCESSABLE_ENTITY, op.getMessage());
            }
        } else if (cause instanceof PeerstackException) {
            text(ctx, request, HttpResponseStatus.UNPROCESSABLE_ENTITY, cause.getMessage());
        } else {
            LOG.warn("WHIP/WHEP: the SFU failed unexpectedly", cause);
            text(ctx, request, HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error");
        }
    }

    /** 503 with Retry-After: the server's session limit is reached. */
    void overloaded(ChannelHandlerContext ctx, FullHttpRequest request) {
        FullHttpResponse r = response(HttpResponseStatus.SERVICE_UNAVAILABLE, TEXT, "too many WHIP/WHEP sessions");
        r.headers().set(HttpHeaderNames.RETRY_AFTER, settings.retryAfterSeconds());
        send(ctx, request, r);
    }

    /** WHEP draft: 409 with Retry-After while the stream has no publisher. */
    void notPublished(ChannelHandlerContext ctx, FullHttpRequest request, String stream) {
        FullHttpResponse r = response(HttpResponseStatus.CONFLICT, TEXT, "stream '" + stream + "' is not being published");
        r.headers().set(HttpHeaderNames.RETRY_AFTER, settings.retryAfterSeconds());
        send(ctx, request, r);
    }

    /** A plain-text answer (one line of {@code text}). */
    static void text(ChannelHandlerContext ctx, FullHttpRequest request, HttpResponseStatus status, String text) {
        send(ctx, request, response(status, TEXT, text));
    }

    /** A full response, {@code body} of {@code type} (none when {@code body} is null), never cached. */
    static FullHttpResponse response(HttpResponseStatus status, String type, String body) {
        FullHttpResponse r = body == null ? new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status)
                : new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.copiedBuffer(
                        type.equals(TEXT) ? body + "\n" : body, StandardCharsets.UTF_8));
        if (type != null) {
            r.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
        }
        r.headers().set(HttpHeaderNames.CONTENT_LENGTH, r.content().readableBytes());
        r.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        return r;
    }

    /** Sends {@code r} with the CORS headers for the request's origin; closes after it unless keep-alive. */
    static void send(ChannelHandlerContext ctx, FullHttpRequest request, FullHttpResponse r) {
        String origin = request.headers().get(HttpHeaderNames.ORIGIN);
        r.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin == null ? "*" : origin);
        r.headers().set(HttpHeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, "Location, ETag, Link, Retry-After, Accept-Patch");
        if (origin != null) {
            r.headers().set(HttpHeaderNames.VARY, "Origin");
        }
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        HttpUtil.setKeepAlive(r, keepAlive);
        var written = ctx.writeAndFlush(r);
        if (!keepAlive) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** Whether the request's Content-Type (without parameters, any case) is {@code type}. */
    static boolean isType(FullHttpRequest request, String type) {
        String value = request.headers().get(HttpHeaderNames.CONTENT_TYPE);
        if (value == null) {
            return false;
        }
        int semicolon = value.indexOf(';');
        return (semicolon < 0 ? value : value.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT).equals(type);
    }

    /** {@code etag} as an entity-tag header value. */
    static String quoted(String etag) {
        return "\"" + etag + "\"";
    }
}
