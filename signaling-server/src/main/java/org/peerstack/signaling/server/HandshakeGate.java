package org.peerstack.signaling.server;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.peerstack.exc.SignalingException;
import org.peerstack.signaling.RoomToken;
import org.peerstack.signaling.SignalingMessage;

/**
 * Checks an HTTP request before the WebSocket handshake: malformed or too large requests (400), the
 * client address a trusted proxy names (429 over its limits), a connection admitted beyond the caps
 * (only {@code /healthz} and {@code /metrics}, else 503), and for the WebSocket path the Origin allowlist
 * (403), the subprotocol (400) and a {@code ?token=} room token (401). A verified token is kept for {@link PeerHandler}'s join.
 * Removed from the pipeline once the WebSocket is open.
 */
@ChannelHandler.Sharable
final class HandshakeGate extends ChannelInboundHandlerAdapter {

    /** A room token verified at the handshake. */
    static final AttributeKey<RoomToken> TOKEN = AttributeKey.valueOf("peerstack.token");
    /** What a connection admitted beyond the caps (the admin reserve) may ask. */
    static final Set<String> ADMIN_PATHS = Set.of("/healthz", "/metrics");

    private final String websocketPath;
    private final Set<String> allowedOrigins;
    private final AuthSettings auth;
    private final ServerMetrics metrics;
    private final ClientFaults faults;
    private final ConnectionBudget budget;
    private final Clock clock;

    HandshakeGate(String websocketPath, List<String> allowedOrigins, AuthSettings auth, ServerMetrics metrics,
                  ClientFaults faults, ConnectionBudget budget, Clock clock) {
        this.faults = faults;
        this.budget = budget;
        this.websocketPath = websocketPath;
        this.allowedOrigins = Set.copyOf(allowedOrigins);
        this.auth = auth;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (!ctx.channel().isActive()) {
            // the unfinished request of a connection that is gone (closed by the client or by the handshake
            // timeout, which counted it): nothing to answer, no bad request
            ReferenceCountUtil.release(msg);
            return;
        }
        String refusal = check(ctx, request);
        if (refusal == null) {
            ctx.fireChannelRead(msg);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    /** Null when the request may go on; otherwise the refusal already sent. */
    private String check(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!request.decoderResult().isSuccess()) {
            return refuse(ctx, HttpResponseStatus.BAD_REQUEST, "bad-request",
                    "malformed HTTP request: " + request.decoderResult().cause());
        }
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        String path;
        try {
            path = uri.path();
        } catch (IllegalArgumentException e) {
            return refuse(ctx, HttpResponseStatus.BAD_REQUEST, "bad-request", "malformed URL");
        }
        ConnectionBudget.Ticket ticket = ctx.channel().attr(ConnectionBudget.TICKET).get();
        if (ticket != null && ticket.awaitsClientAddress()) {
            InetAddress client = budget.forwardedClient(request.headers().get(budget.forwardedHeader()));
            if (client == null) {
                client = ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress();
            }
            String refusal = ticket.forwardedFor(client);
            if (refusal != null) {
                return refuse(ctx, HttpResponseStatus.TOO_MANY_REQUESTS, refusal, "too many connections from "
                        + client.getHostAddress() + "; retry later");
            }
        }
        if (ticket != null && ticket.admission() == ConnectionBudget.Admission.ADMIN_ONLY) {
            if (ADMIN_PATHS.contains(path)) {
                HttpUtil.setKeepAlive(request, false); // a reserve slot serves one request
                return null;
            }
            return refuse(ctx, HttpResponseStatus.SERVICE_UNAVAILABLE, ticket.reason(),
                    "the server has reached its connection limit; retry later");
        }
        if (!path.equals(websocketPath)) {
            return null;
        }
        String origin = request.headers().get(HttpHeaderNames.ORIGIN);
        if (origin != null && !allowedOrigins.isEmpty() && !allowedOrigins.contains(origin)) {
            return refuse(ctx, HttpResponseStatus.FORBIDDEN, "origin", "origin " + origin + " is not allowed");
        }
        String protocols = request.headers().get(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL);
        if (protocols != null && !List.of(protocols.split("\\s*,\\s*")).contains(SignalingMessage.SUBPROTOCOL)) {
            return refuse(ctx, HttpResponseStatus.BAD_REQUEST, "subprotocol", "unsupported subprotocol '" + protocols
                    + "'; this server speaks " + SignalingMessage.SUBPROTOCOL);
        }
        List<String> tokens = uri.parameters().get("token");
        if (auth.required() && tokens != null && !tokens.isEmpty()) {
            try {
                ctx.channel().attr(TOKEN).set(auth.verify(tokens.get(0), clock));
            } catch (SignalingException e) {
                return refuse(ctx, HttpResponseStatus.UNAUTHORIZED, "token", e.getMessage());
            }
        }
        return null;
    }

    private String refuse(ChannelHandlerContext ctx, HttpResponseStatus status, String reason, String text) {
        metrics.refused(reason);
        faults.report(reason, ctx.channel().remoteAddress(), "HTTP " + status.code() + ": " + text);
        HttpResponses.error(ctx, status, text);
        return reason;
    }
}
