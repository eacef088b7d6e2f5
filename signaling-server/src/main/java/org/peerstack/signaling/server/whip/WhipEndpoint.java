package org.peerstack.signaling.server.whip;

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
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.peerstack.exc.OperationException;
import org.peerstack.exc.SignalingException;
import org.peerstack.sfu.SfuIceParameters;
import org.peerstack.sfu.SfuPublisher;
import org.peerstack.sfu.SfuServer;
import org.peerstack.sfu.SfuSubscriber;
import org.peerstack.signaling.RoomToken;
import org.peerstack.signaling.server.AuthSettings;
import org.peerstack.signaling.server.IceServerSettings;
import org.peerstack.signaling.server.whip.StreamSessions.Session;

/**
 * WHIP (RFC 9725) at {@code /whip/<stream>} and WHEP (draft-ietf-wish-whep: the client-offer flow for a
 * POST with an SDP offer, the server-offer flow for an empty POST) at {@code /whep/<stream>} on the signaling server's HTTP port, over the server's {@link SfuServer}.
 * Sessions live at {@code /whip/<stream>/<id>} and {@code /whep/<stream>/<id>}. Every other path goes
 * on down the pipeline. Status codes and flows: docs/whip-whep.md.
 */
@ChannelHandler.Sharable
public final class WhipEndpoint extends ChannelInboundHandlerAdapter implements AutoCloseable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(WhipEndpoint.class);

    static final String SDP = "application/sdp";
    static final String SDPFRAG = "application/trickle-ice-sdpfrag";
    static final String TEXT = "text/plain; charset=utf-8";
    private static final Pattern STREAM = Pattern.compile("[A-Za-z0-9._-]{1," + SfuSettings.MAX_STREAM_NAME_LENGTH + "}");

    private final StreamSessions sessions;
    private final SfuSettings settings;
    private final AuthSettings auth;
    private final List<String> iceServerLinks;
    private final Clock clock;
    /** Told of the room of every WHIP publish (passthrough recording); never null. */
    private volatile java.util.function.BiConsumer<org.peerstack.sfu.SfuRoom, String> onRoom = (room, name) -> { };

    private WhipEndpoint(SfuServer sfu, SfuSettings settings, AuthSettings auth, List<IceServerSettings> iceServers,
                         Clock clock) {
        this.sessions = new StreamSessions(sfu, settings.maxSessions());
        this.settings = settings;
        this.auth = auth;
        this.iceServerLinks = links(iceServers);
        this.clock = clock;
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
    public void onRoom(java.util.function.BiConsumer<org.peerstack.sfu.SfuRoom, String> listener) {
        this.onRoom = java.util.Objects.requireNonNull(listener, "listener");
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
                publish(ctx, request, stream);
            } else {
                play(ctx, request, stream);
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
            patch(ctx, request, session);
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

    private void publish(ChannelHandlerContext ctx, FullHttpRequest request, String stream) {
        String offer = sdpBody(ctx, request, false);
        if (offer == null) {
            return;
        }
        if (sessions.full()) {
            overloaded(ctx, request);
            return;
        }
        Session session = sessions.reservePublisher(stream).orElse(null);
        if (session == null) {
            text(ctx, request, HttpResponseStatus.CONFLICT, "stream '" + stream + "' already has a WHIP publisher");
            return;
        }
        org.peerstack.sfu.SfuRoom room = sessions.sfu().room(stream);
        onRoom.accept(room, stream);
        room.publish(offer).whenComplete((publisher, failure) -> ctx.executor().execute(() -> {
            if (failure != null) {
                sessions.end(session);
                refused(ctx, request, failure);
                return;
            }
            session.publisher = publisher;
            publisher.addEventListener(SfuPublisher.CONNECTED, e -> session.connected = true);
            publisher.addEventListener(SfuPublisher.CLOSE, e -> sessions.end(session));
            if (publisher.closed().isDone()) {
                sessions.end(session);
            }
            created(ctx, request, session, publisher.answer());
        }));
    }

    private void play(ChannelHandlerContext ctx, FullHttpRequest request, String stream) {
        boolean clientOffer = request.content().isReadable();
        String offer = null;
        if (clientOffer) {
            offer = sdpBody(ctx, request, false);
            if (offer == null) {
                return;
            }
        }
        if (!sessions.published(stream)) {
            notPublished(ctx, request, stream);
            return;
        }
        if (sessions.full()) {
            overloaded(ctx, request);
            return;
        }
        Session session = sessions.addPlayer(stream, clientOffer);
        CompletableFuture<SfuSubscriber> subscribed = clientOffer ? sessions.sfu().room(stream).subscribe(offer)
                : sessions.sfu().room(stream).subscribe();
        subscribed.thenCompose(sub -> {
            session.subscriber = sub;
            sub.addEventListener(SfuSubscriber.CONNECTED, e -> session.connected = true);
            sub.addEventListener(SfuSubscriber.CLOSE, e -> sessions.end(session));
            return clientOffer ? CompletableFuture.completedFuture(sub.answer()) : sub.createOffer();
        }).whenComplete((sdp, failure) -> ctx.executor().execute(() -> {
            if (failure != null) {
                sessions.end(session);
                refused(ctx, request, failure);
                return;
            }
            if (!sessions.published(stream) && !clientOffer) { // the publisher left meanwhile
                sessions.end(session);
                notPublished(ctx, request, stream);
                return;
            }
            created(ctx, request, session, sdp);
        }));
    }

    /** WHEP draft: 409 with Retry-After while the stream has no publisher. */
    private void notPublished(ChannelHandlerContext ctx, FullHttpRequest request, String stream) {
        FullHttpResponse r = response(HttpResponseStatus.CONFLICT, TEXT, "stream '" + stream + "' is not being published");
        r.headers().set(HttpHeaderNames.RETRY_AFTER, settings.retryAfterSeconds());
        send(ctx, request, r);
    }

    private void patch(ChannelHandlerContext ctx, FullHttpRequest request, Session session) {
        if (!session.whip && !session.clientOffer && isType(request, SDP)) {
            answer(ctx, request, session);
            return;
        }
        if (!isType(request, SDPFRAG)) {
            text(ctx, request, HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE, "PATCH takes " + SDPFRAG
                    + (session.whip ? "" : " (or the player's answer as " + SDP + ")"));
            return;
        }
        String ifMatch = request.headers().get(HttpHeaderNames.IF_MATCH);
        if (ifMatch == null) {
            text(ctx, request, HttpResponseStatus.PRECONDITION_REQUIRED, "If-Match with the session's ETag is required");
            return;
        }
        String fragment = request.content().toString(StandardCharsets.UTF_8);
        if (!IceFragment.parses(fragment)) {
            text(ctx, request, HttpResponseStatus.BAD_REQUEST, "not an " + SDPFRAG + " body");
            return;
        }
        if ("*".equals(ifMatch.trim())) {
            restartIce(ctx, request, session, fragment);
            return;
        }
        if (!ifMatch.trim().equals(quoted(session.etag))) {
            text(ctx, request, HttpResponseStatus.PRECONDITION_FAILED, "the ETag does not match the session's");
            return;
        }
        // The SFU is ICE-lite: it learns the client's addresses from its connectivity checks, so the
        // client's trickled candidates need no action.
        send(ctx, request, response(HttpResponseStatus.NO_CONTENT, null, null));
    }

    /**
     * ICE restart (RFC 9725 §4.3.2): the fragment's new ice-ufrag/ice-pwd go to the SFU session, which takes
     * new credentials of its own; 200 with them (and the candidates) as an sdpfrag and a new ETag.
     */
    private void restartIce(ChannelHandlerContext ctx, FullHttpRequest request, Session session, String fragment) {
        String ufrag = IceFragment.attribute(fragment, "ice-ufrag");
        String pwd = IceFragment.attribute(fragment, "ice-pwd");
        if (ufrag == null || pwd == null) {
            text(ctx, request, HttpResponseStatus.BAD_REQUEST, "an ICE restart needs a=ice-ufrag and a=ice-pwd in the fragment");
            return;
        }
        CompletableFuture<SfuIceParameters> restarted = session.whip ? session.publisher.restartIce(ufrag, pwd)
                : session.subscriber.restartIce(ufrag, pwd);
        restarted.whenComplete((ice, failure) -> ctx.executor().execute(() -> {
            if (failure != null) {
                refused(ctx, request, failure);
                return;
            }
            session.etag = sessions.newId();
            FullHttpResponse r = response(HttpResponseStatus.OK, SDPFRAG, IceFragment.restartAnswer(session.localSdp, ice));
            r.headers().set(HttpHeaderNames.ETAG, quoted(session.etag));
            send(ctx, request, r);
        }));
    }

    private void answer(ChannelHandlerContext ctx, FullHttpRequest request, Session session) {
        if (session.answered) {
            text(ctx, request, HttpResponseStatus.CONFLICT, "the answer has been applied already");
            return;
        }
        String answer = sdpBody(ctx, request, true);
        if (answer == null) {
            return;
        }
        session.answered = true;
        session.subscriber.setAnswer(answer).whenComplete((ok, failure) -> ctx.executor().execute(() -> {
            if (failure != null) {
                session.answered = false;
                refused(ctx, request, failure);
            } else {
                send(ctx, request, response(HttpResponseStatus.NO_CONTENT, null, null));
            }
        }));
    }

    /** The SDP body of {@code request}, or null after answering 415/400. */
    private String sdpBody(ChannelHandlerContext ctx, FullHttpRequest request, boolean answer) {
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

    private void created(ChannelHandlerContext ctx, FullHttpRequest request, Session session, String sdp) {
        session.localSdp = sdp;
        FullHttpResponse r = response(HttpResponseStatus.CREATED, SDP, sdp);
        r.headers().set(HttpHeaderNames.LOCATION, "/" + (session.whip ? "whip" : "whep") + "/" + session.stream + "/" + session.id);
        r.headers().set(HttpHeaderNames.ETAG, quoted(session.etag));
        iceServerLinks.forEach(link -> r.headers().add("Link", link));
        send(ctx, request, r);
        // a client that never connects (or a player that never answers) must not hold a session slot
        ctx.executor().schedule(() -> {
            if (!session.connected) {
                sessions.end(session);
            }
        }, settings.connectTimeoutMs(), TimeUnit.MILLISECONDS);
    }

    /** Maps an SFU failure to 400 (SDP syntax), 503 (too many peers) or 422 (anything else it refused). */
    private void refused(ChannelHandlerContext ctx, FullHttpRequest request, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof OperationException op) {
            switch (op.errorDetail()) {
                case "sdp-syntax-error" -> text(ctx, request, HttpResponseStatus.BAD_REQUEST, op.getMessage());
                case "too-many-peers" -> overloaded(ctx, request);
                default -> text(ctx, request, HttpResponseStatus.UNPROCESSABLE_ENTITY, op.getMessage());
            }
        } else if (cause instanceof org.peerstack.exc.PeerstackException) {
            text(ctx, request, HttpResponseStatus.UNPROCESSABLE_ENTITY, cause.getMessage());
        } else {
            LOG.warn("WHIP/WHEP: the SFU failed unexpectedly", cause);
            text(ctx, request, HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error");
        }
    }

    private void overloaded(ChannelHandlerContext ctx, FullHttpRequest request) {
        FullHttpResponse r = response(HttpResponseStatus.SERVICE_UNAVAILABLE, TEXT, "too many WHIP/WHEP sessions");
        r.headers().set(HttpHeaderNames.RETRY_AFTER, settings.retryAfterSeconds());
        send(ctx, request, r);
    }

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
        iceServerLinks.forEach(link -> r.headers().add("Link", link));
        send(ctx, request, r);
    }

    private void text(ChannelHandlerContext ctx, FullHttpRequest request, HttpResponseStatus status, String text) {
        send(ctx, request, response(status, TEXT, text));
    }

    private static FullHttpResponse response(HttpResponseStatus status, String type, String body) {
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

    private static void send(ChannelHandlerContext ctx, FullHttpRequest request, FullHttpResponse r) {
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

    private static boolean isType(FullHttpRequest request, String type) {
        String value = request.headers().get(HttpHeaderNames.CONTENT_TYPE);
        if (value == null) {
            return false;
        }
        int semicolon = value.indexOf(';');
        return (semicolon < 0 ? value : value.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT).equals(type);
    }

    private static String quoted(String etag) {
        return "\"" + etag + "\"";
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
