package org.peerstack.signaling.server.whip;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Objects;
import java.util.function.BiConsumer;
import org.peerstack.sfu.SfuPublisher;
import org.peerstack.sfu.SfuRoom;
import org.peerstack.signaling.server.whip.StreamSessions.Session;

/**
 * WHIP POST (RFC 9725 §4.2): the client's SDP offer publishes into the SFU room named after the stream,
 * which has at most one WHIP publisher (409 while another holds it); 201 with the SFU's answer. The
 * session ends when the publisher closes. Called on the request's event loop; the SFU's answer is
 * handled back on it.
 */
final class WhipPublish {

    private final StreamSessions sessions;
    private final WhipReplies replies;
    /** Told of the room of every WHIP publish (passthrough recording); never null. */
    private volatile BiConsumer<SfuRoom, String> onRoom = (room, name) -> { };

    WhipPublish(StreamSessions sessions, WhipReplies replies) {
        this.sessions = sessions;
        this.replies = replies;
    }

    /** Calls {@code listener} with the SFU room and the stream name of every publish, before it publishes. */
    void onRoom(BiConsumer<SfuRoom, String> listener) {
        this.onRoom = Objects.requireNonNull(listener, "listener");
    }

    /** Answers the POST {@code request} to {@code /whip/<stream>}. */
    void post(ChannelHandlerContext ctx, FullHttpRequest request, String stream) {
        String offer = replies.sdpBody(ctx, request, false);
        if (offer == null) {
            return;
        }
        if (sessions.full()) {
            replies.overloaded(ctx, request);
            return;
        }
        Session session = sessions.reservePublisher(stream).orElse(null);
        if (session == null) {
            WhipReplies.text(ctx, request, HttpResponseStatus.CONFLICT, "stream '" + stream + "' already has a WHIP publisher");
            return;
        }
        SfuRoom room = sessions.sfu().room(stream);
        onRoom.accept(room, stream);
        room.publish(offer).whenComplete((publisher, failure) -> ctx.executor().execute(() -> {
            if (failure != null) {
                sessions.end(session);
                replies.refused(ctx, request, failure);
                return;
            }
            session.publisher = publisher;
            publisher.addEventListener(SfuPublisher.CONNECTED, e -> session.connected = true);
            publisher.addEventListener(SfuPublisher.CLOSE, e -> sessions.end(session));
            if (publisher.closed().isDone()) {
                sessions.end(session);
            }
            replies.created(ctx, request, session, publisher.answer());
        }));
    }
}
