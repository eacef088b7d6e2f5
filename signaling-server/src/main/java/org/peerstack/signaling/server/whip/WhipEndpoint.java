package org.peerstack.signaling.server.whip;

import static org.peerstack.signaling.server.whip.WhipReplies.SDP;
import static org.peerstack.signaling.server.whip.WhipReplies.SDPFRAG;
import static org.peerstack.signaling.server.whip.WhipReplies.TEXT;
import static org.peerstack.signaling.server.whip.WhipReplies.response;
import static org.peerstack.signaling.server.whip.WhipReplies.send;
import static org.peerstack.signaling.server.whip.WhipReplies.text;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import org.peerstack.exc.SignalingException;
import org.peerstack.sfu.SfuRoom;
import org.peerstack.sfu.SfuServer;
import org.peerstack.signaling.RoomToken;
import org.peerstack.signaling.server.AuthSettings;
import org.peerstack.signaling.server.IceServerSettings;
import org.peerstack.signaling.server.whip.StreamSessions.Session;

/**
 * WHIP (RFC 9725) at {@code /whip/<stream>} and WHEP (draft-ietf-wish-whep: the client-offer flow for a
 * POST with an SDP offer, the server-offer flow for an empty POST) at {@code /whep/<stream>} on the signaling server's HTTP port, over the server's {@link SfuServer}.
 * Sessions live at {@code /whip/<stream>/<id>} and {@code /whep/<stream>/<id>}. Every other path goes
 * on down the pipeline. Status codes and flows: docs/whip-whep.md.
 *
 * <p>This handler routes: the resource and the method (404, 405), the CORS preflight, the bearer token
 * (401), DELETE. A WHIP POST goes to {@link WhipPublish}, a WHEP POST to {@link WhepPlay}, a PATCH to
 * {@link SessionPatch}; the responses are built by {@link WhipReplies}.
 */
@ChannelHandler.Sharable
public final class WhipEndpoint extends ChannelInboundHandlerAdapter implements AutoCloseable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(WhipEndpoint.class);

    private static final Pattern STREAM = Pattern.compile("[A-Za-z0-9._-]{1," + SfuSettings.MAX_STREAM_NAME_LENGTH + "}");

    private final StreamSessions sessions;
    private final AuthSettings auth;
    private final Clock clock;
    private final WhipReplies replies;
    private final WhipPublish publish;
    private final WhepPlay play;
    private final SessionPatch patch;

    private WhipEndpoint(SfuServer sfu, SfuSettings settings, AuthSettings auth, List<IceServerSettings> iceServers,
                         Clock clock) {
        this.sessions = new StreamSessions(sfu, settings.maxSessions());
        this.auth = auth;
        this.clock = clock;
        this.replies = new WhipReplies(sessions, settings, links(iceServers));
        this.publish = new WhipPublish(sessions, replies);
        this.play = new WhepPlay(sessions, replies);
        this.patch = new SessionPatch(sessions, replies);
    }

    /** Starts the SFU described by {@code settings} and serves WHIP/WHEP over it; close() stops both. */
    public static WhipEndpoint start(SfuSettings settings, AuthSettings auth, List<IceServerSettings> iceServers,
                                     Clock clock) {
        return new WhipEndpoint(SfuServer.start(settings.sfuConfig()), settings, auth, iceServers, clock);
    }

    /** The SFU behind the endpoints. */
    public SfuServer sfu() {
        return sessions.sfu();
    }

    /** Calls {@code listener} with the SFU room and the stream name of every WHIP publish, before it publishes. */
    public void onRoom(BiConsumer<SfuRoom, String> listener) {
        publish.onRoom(listener);
    }

    /** WHIP + WHEP sessions open now. */
    public int sessionCount() {
        return sessions.size();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request)) {
            ctx.fireChannelRead(msg);
            return;
        }
        String path;
        try {
            path = new QueryStringDecoder(request.uri()).path();
        } catch (IllegalArgumentException e) {
            ctx.fireChannelRead(msg);
            return;
        }
        boolean whip = path.startsWith("/whip/");
        if (!whip && !path.startsWith("/whep/")) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            route(ctx, request, whip, path.substring(6).split("/", -1));
        } catch (RuntimeException e) {
            // a server fault (e.g. the SFU closing during shutdown), not a client's: logged, answered 500
            LOG.warn("WHIP/WHEP request {} {} failed", request.method(), path, e);
            text(ctx, request, HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error");
        } finally {
            ReferenceCountUtil.release(request);
        }
    }

    private void route(ChannelHandlerContext ctx, FullHttpRequest request, boolean whip, String[] parts) {
        if (parts.length > 2 || !STREAM.matcher(parts[0]).matches()) {
            text(ctx, request, HttpResponseStatus.NOT_FOUND, "no such WHIP/WHEP resource: streams are /whip/<name>"
                    + " and /whep/<name>, <name> of 1-" + SfuSettings.MAX_STREAM_NAME_LENGTH + " characters [A-Za-z0-9._-]");
            return;
        }
        String stream = parts[0];
        boolean endpoint = parts.length == 1;
        HttpMethod method = request.method();
        if (HttpMethod.OPTIONS.equals(method)) {
            options(ctx, request, endpoint);
            return;
        }
        String allowed = endpoint ? "POST, OPTIONS" : "PATCH, DELETE, OPTIONS";
        if (endpoint ? !HttpMethod.POST.equals(method)
                : !HttpMethod.PATCH.equals(method) && !HttpMethod.DELETE.equals(method)) {
            FullHttpResponse r = response(HttpResponseStatus.METHOD_NOT_ALLOWED, TEXT, method + " is not allowed here");
            r.headers().set(HttpHeaderNames.ALLOW, allowed);
            send(ctx, request, r);
            return;
        }
        if (!authorized(ctx, request, stream)) {
            return;
        }
        if (endpoint) {
            if (whip) {
                publish.post(ctx, request, stream);
            } else {
                play.post(ctx, request, stream);
            }
            return;
        }
        Session session = sessions.get(parts[1]).filter(s -> s.whip == whip && s.stream.equals(stream)).orElse(null);
        if (session == null) {
            text(ctx, request, HttpResponseStatus.NOT_FOUND, "no such session");
            return;
        }
        if (HttpMethod.DELETE.equals(method)) {
            sessions.end(session);
            text(ctx, request, HttpResponseStatus.OK, "session ended");
        } else {
            patch.patch(ctx, request, session);
        }
    }

    /** Bearer token = a room token for {@code stream} when auth.secret is set; else 401 and false. */
    private boolean authorized(ChannelHandlerContext ctx, FullHttpRequest request, String stream) {
        if (!auth.required()) {
            return true;
        }
        String header = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        String problem;
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            problem = "a room token is required: Authorization: Bearer <token>";
        } else {
            try {
                RoomToken token = RoomToken.verify(header.substring(7).trim(), auth.secretBytes(), clock, auth.clockSkew());
                if (token.room().equals(stream)) {
                    return true;
                }
                problem = "the room token is for another stream";
            } catch (SignalingException e) {
                problem = e.getMessage();
            }
        }
        FullHttpResponse r = response(HttpResponseStatus.UNAUTHORIZED, TEXT, problem);
        r.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"peerstack\", error=\"invalid_token\"");
        send(ctx, request, r);
        return false;
    }

    /** The CORS preflight (and WHIP/WHEP discovery): the methods, types and headers a resource takes. */
    private void options(ChannelHandlerContext ctx, FullHttpRequest request, boolean endpoint) {
        FullHttpResponse r = response(HttpResponseStatus.NO_CONTENT, null, null);
        if (endpoint) {
            r.headers().set("Accept-Post", SDP);
        } else {
            r.headers().set("Accept-Patch", SDPFRAG + ", " + SDP);
        }
        String methods = endpoint ? "POST, OPTIONS" : "PATCH, DELETE, OPTIONS";
        r.headers().set(HttpHeaderNames.ALLOW, methods);
        r.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, methods);
        r.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, "Authorization, Content-Type, If-Match");
        r.headers().set(HttpHeaderNames.ACCESS_CONTROL_MAX_AGE, 86_400);
        replies.addIceServerLinks(r);
        send(ctx, request, r);
    }

    /** {@code Link: <url>; rel="ice-server"} values (RFC 9725 §4.6) for the configured STUN/TURN servers. */
    static List<String> links(List<IceServerSettings> servers) {
        List<String> links = new ArrayList<>();
        for (IceServerSettings s : servers) {
            for (String url : s.urls()) {
                StringBuilder b = new StringBuilder("<").append(url).append(">; rel=\"ice-server\"");
                if (s.username() != null && !s.username().isEmpty()) {
                    b.append("; username=\"").append(s.username()).append("\"; credential=\"")
                            .append(s.credential() == null ? "" : s.credential()).append("\"; credential-type=\"password\"");
                }
                links.add(b.toString());
            }
        }
        return List.copyOf(links);
    }

    @Override
    public void close() {
        sessions.close();
        sessions.sfu().close();
    }
}
