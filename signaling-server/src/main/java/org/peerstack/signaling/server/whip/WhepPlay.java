package org.peerstack.signaling.server.whip;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import java.util.concurrent.CompletableFuture;
import org.peerstack.sfu.SfuSubscriber;
import org.peerstack.signaling.server.whip.StreamSessions.Session;

/**
 * WHEP POST (draft-ietf-wish-whep): a player subscribes to a published stream. With an SDP offer in the
 * body (client-offer flow) the answer comes back in the 201; with an empty body (server-offer flow) the
 * 201 carries the SFU's offer and the player PATCHes its answer ({@link SessionPatch}). 409 with
 * Retry-After while the stream has no publisher. Called on the request's event loop; the SFU's answer
 * is handled back on it.
 */
final class WhepPlay {

    private final StreamSessions sessions;
    private final WhipReplies replies;

    WhepPlay(StreamSessions sessions, WhipReplies replies) {
        this.sessions = sessions;
        this.replies = replies;
    }

    /** Answers the POST {@code request} to {@code /whep/<stream>}. */
    void post(ChannelHandlerContext ctx, FullHttpRequest request, String stream) {
        boolean clientOffer = request.content().isReadable();
        String offer = null;
        if (clientOffer) {
            offer = replies.sdpBody(ctx, request, false);
            if (offer == null) {
                return;
            }
        }
        if (!sessions.published(stream)) {
            replies.notPublished(ctx, request, stream);
            return;
        }
        if (sessions.full()) {
            replies.overloaded(ctx, request);
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
                replies.refused(ctx, request, failure);
                return;
            }
            if (!sessions.published(stream) && !clientOffer) { // the publisher left meanwhile
                sessions.end(session);
                replies.notPublished(ctx, request, stream);
                return;
            }
            replies.created(ctx, request, session, sdp);
        }));
    }
}
