package org.peerstack.signaling.server.whip;

import static org.peerstack.signaling.server.whip.WhipReplies.SDP;
import static org.peerstack.signaling.server.whip.WhipReplies.SDPFRAG;
import static org.peerstack.signaling.server.whip.WhipReplies.isType;
import static org.peerstack.signaling.server.whip.WhipReplies.quoted;
import static org.peerstack.signaling.server.whip.WhipReplies.response;
import static org.peerstack.signaling.server.whip.WhipReplies.send;
import static org.peerstack.signaling.server.whip.WhipReplies.text;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.peerstack.sfu.SfuIceParameters;
import org.peerstack.signaling.server.whip.StreamSessions.Session;

/**
 * PATCH on a WHIP or WHEP session (RFC 9725 §4.3): a trickle-ICE sdpfrag checked against the session's
 * ETag ({@code If-Match}: 428 without it, 412 when it differs), an ICE restart ({@code If-Match: *}: new
 * credentials and a new ETag), or, for a server-offer WHEP session, the player's SDP answer. Called on
 * the request's event loop; the SFU's results are handled back on it.
 */
final class SessionPatch {

    private final StreamSessions sessions;
    private final WhipReplies replies;

    SessionPatch(StreamSessions sessions, WhipReplies replies) {
        this.sessions = sessions;
        this.replies = replies;
    }

    /** Answers the PATCH {@code request} to {@code session}'s resource. */
    void patch(ChannelHandlerContext ctx, FullHttpRequest request, Session session) {
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
                replies.refused(ctx, request, failure);
                return;
            }
            session.etag = sessions.newId();
            FullHttpResponse r = response(HttpResponseStatus.OK, SDPFRAG, IceFragment.restartAnswer(session.localSdp, ice));
            r.headers().set(HttpHeaderNames.ETAG, quoted(session.etag));
            send(ctx, request, r);
        }));
    }

    /** WHEP server-offer flow: the player's answer to the SFU's offer, applied once. */
    private void answer(ChannelHandlerContext ctx, FullHttpRequest request, Session session) {
        if (session.answered) {
            text(ctx, request, HttpResponseStatus.CONFLICT, "the answer has been applied already");
            return;
        }
        String answer = replies.sdpBody(ctx, request, true);
        if (answer == null) {
            return;
        }
        session.answered = true;
        session.subscriber.setAnswer(answer).whenComplete((ok, failure) -> ctx.executor().execute(() -> {
            if (failure != null) {
                session.answered = false;
                replies.refused(ctx, request, failure);
            } else {
                send(ctx, request, response(HttpResponseStatus.NO_CONTENT, null, null));
            }
        }));
    }
}
