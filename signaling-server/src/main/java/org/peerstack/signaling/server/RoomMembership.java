package org.peerstack.signaling.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import org.peerstack.exc.ErrorCode;
import org.peerstack.exc.SignalingException;
import org.peerstack.signaling.RoomToken;
import org.peerstack.signaling.SignalingMessage;
import org.peerstack.signaling.SignalingMessage.ErrorMessage;
import org.peerstack.signaling.SignalingMessage.Join;
import org.peerstack.signaling.SignalingMessage.Joined;
import org.peerstack.signaling.SignalingMessage.Left;
import org.peerstack.signaling.SignalingMessage.PeerJoined;
import org.peerstack.signaling.SignalingMessage.PeerLeft;
import org.peerstack.signaling.server.sfu.SfuRooms;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection's place in a room: {@code join} (checked, authorized, decided by the registry: at once
 * on one node, when Redis has answered in cluster mode), {@code leave} (out of the room on this node at
 * once, answered when the registry has recorded it: at once on one node, when Redis has run it in
 * cluster mode), and leaving when the connection closes, with the {@code peer-joined}/{@code peer-left}
 * events for the other members and, in an SFU room, the member's {@link SfuSession}. One instance per
 * connection ({@link PeerHandler}), used on its event loop only.
 */
final class RoomMembership {

    private static final Logger LOG = LoggerFactory.getLogger(RoomMembership.class);

    private final PeerHandler handler;
    private final RoomRegistry rooms;
    private final SignalingLimits limits;
    private final AuthSettings auth;
    private final ServerMetrics metrics;
    private final Clock clock;
    private final MeshRelay relay;
    /** SFU rooms of this server (sfu.enabled), or null. */
    private final SfuRooms sfuRooms;
    /** SFU rooms across the nodes of a cluster (cluster mode with sfu.enabled), or null. */
    private final ClusterSfu clusterSfu;
    private Member self;
    private Room room;
    /** A join waits for the cluster's answer (cluster mode only). */
    private boolean joining;
    /** This connection's session with its SFU room's SFU, or null. */
    private SfuSession sfuSession;

    RoomMembership(PeerHandler handler, RoomRegistry rooms, SignalingLimits limits, AuthSettings auth, ServerMetrics metrics,
                   Clock clock, MeshRelay relay, SfuRooms sfuRooms, ClusterSfu clusterSfu) {
        this.handler = handler;
        this.rooms = rooms;
        this.limits = limits;
        this.auth = auth;
        this.metrics = metrics;
        this.clock = clock;
        this.relay = relay;
        this.sfuRooms = sfuRooms;
        this.clusterSfu = clusterSfu;
    }

    /** The WebSocket opened: the connection gets its peer id. */
    void opened(ChannelHandlerContext ctx) {
        self = new Member(PeerHandler.newPeerId(), null, ctx.channel());
    }

    Member self() {
        return self;
    }

    /** The room, or null when not in one. */
    Room room() {
        return room;
    }

    /** The SFU session in an SFU room, or null. */
    SfuSession sfuSession() {
        return sfuSession;
    }

    void join(ChannelHandlerContext ctx, Join join) {
        if (room != null || joining) {
            handler.send(ctx, new ErrorMessage(ErrorCode.ALREADY_JOINED, room != null ? "already in room '" + room.name()
                    + "'; leave first" : "a join is in progress", "join"));
            return;
        }
        String problem = JoinCheck.malformed(join, limits);
        if (problem != null) {
            handler.send(ctx, new ErrorMessage(ErrorCode.BAD_MESSAGE, problem, "join"));
            return;
        }
        String name = join.name();
        if (auth.required()) {
            try {
                RoomToken token = JoinCheck.authorize(join, ctx.channel().attr(HandshakeGate.TOKEN).get(), auth, limits,
                        clock);
                if (token.name() != null) {
                    name = token.name();
                }
            } catch (SignalingException e) {
                handler.fail(ctx, ErrorCode.UNAUTHORIZED, e.getMessage(), "join");
                return;
            }
        }
        boolean sfuIfNew = join.wantsSfu() || (sfuRooms != null && sfuRooms.matches(join.room()));
        String sfuProblem = SfuDispatch.unavailable(sfuIfNew, sfuRooms);
        if (sfuProblem != null) {
            handler.send(ctx, new ErrorMessage(ErrorCode.SFU_UNAVAILABLE, sfuProblem, "join"));
            return;
        }
        // One node: complete at once. Cluster mode: completes when Redis has answered (any thread).
        CompletableFuture<RoomRegistry.JoinResult> result = rooms.join(join.room(), new Member(self.id(), name, ctx.channel()),
                sfuIfNew, join.wantsSfu());
        if (result.isDone()) {
            joined(ctx, join, result.join());
        } else {
            joining = true;
            handler.holdReads(ctx);
            result.thenAccept(done -> ctx.executor().execute(() -> joined(ctx, join, done).thenRun(() -> {
                handler.resumeReads(ctx);
                relay.flush();
            })));
        }
    }

    /**
     * Answers the join; the result completes on this event loop once the answer is sent: at once, except
     * when a join the cluster admitted is given back (see below).
     */
    private CompletableFuture<Void> joined(ChannelHandlerContext ctx, Join join, RoomRegistry.JoinResult result) {
        joining = false;
        if (result.error() != null) {
            String text = result.reason() != null ? result.reason() : result.error() == ErrorCode.ROOM_FULL
                    ? "room '" + join.room() + "' has " + limits.maxMembersPerRoom() + " members already"
                    : "the server holds " + limits.maxRooms() + " rooms already";
            handler.send(ctx, new ErrorMessage(result.error(), text, "join"));
            return RoomRegistry.RECORDED;
        }
        if (!ctx.channel().isActive()) {
            rooms.leave(result.room(), result.member()); // closed while the cluster decided
            return RoomRegistry.RECORDED;
        }
        if (result.room().isSfu() && sfuRooms == null) { // cluster mode: an SFU room made by a node with an SFU
            // the client is told to join elsewhere: only once its seat here is given back (as for a leave)
            CompletableFuture<Void> recorded = rooms.leave(result.room(), result.member()).recorded();
            ErrorMessage refusal = new ErrorMessage(ErrorCode.SFU_UNAVAILABLE, "room '" + join.room() + "' is an SFU room"
                    + " and this node has no SFU (sfu.enabled is false); join it on a node with an SFU", "join");
            if (recorded.isDone()) {
                handler.send(ctx, refusal);
                return RoomRegistry.RECORDED;
            }
            CompletableFuture<Void> sent = new CompletableFuture<>();
            recorded.whenComplete((ok, failure) -> {
                try {
                    ctx.executor().execute(() -> {
                        handler.send(ctx, refusal); // a failed leave: the node's rebuild gives the seat back
                        sent.complete(null);
                    });
                } catch (RejectedExecutionException e) {
                    // the server is shutting down
                }
            });
            return sent;
        }
        self = result.member();
        room = result.room();
        handler.joinedRoom(ctx);
        List<SignalingMessage.Member> others = new ArrayList<>(result.others().length);
        for (Member other : result.others()) {
            others.add(other.toWire());
        }
        handler.send(ctx, new Joined(room.name(), self.id(), others, room.isSfu() ? Boolean.TRUE : null));
        if (room.isSfu()) {
            sfuSession = clusterSfu != null ? clusterSfu.open(room.name(), self.id(), ctx.channel())
                    : SfuSession.of(sfuRooms.join(room, room.name(), self.id(), SfuDispatch.sender(ctx.channel(), metrics)));
        }
        PeerJoined announcement = new PeerJoined(self.id(), self.name());
        for (Member other : result.others()) {
            if (other.isLocal()) { // members on other nodes hear it from their node
                relay.announce(other.channel(), announcement);
            }
        }
        relay.flush();
        LOG.atDebug().setMessage("joined").addKeyValue("room", room.name()).addKeyValue("peer", self.id()).log();
        return RoomRegistry.RECORDED;
    }

    /**
     * A {@code leave}: answered with {@code left} once the leave is recorded (at once on one node; in
     * cluster mode when Redis has run it, what this connection sends meanwhile waiting as behind a join),
     * with {@code internal} when Redis did not confirm it, or with {@code not-joined}. Either way the
     * connection is out of the room on this node and may join again.
     */
    void leave(ChannelHandlerContext ctx) {
        if (room == null) {
            handler.send(ctx, new ErrorMessage(ErrorCode.NOT_JOINED, "not in a room", "leave"));
            return;
        }
        String name = room.name();
        CompletableFuture<Void> recorded = leaveRoom();
        if (recorded.isDone()) {
            answerLeave(ctx, name, recorded.handle((ok, failure) -> failure).join());
            return;
        }
        handler.holdReads(ctx);
        // leaveRoom completes it on this event loop
        recorded.whenComplete((ok, failure) -> {
            if (!ctx.channel().isActive()) {
                return; // closed meanwhile: what it held is released, nobody to answer
            }
            answerLeave(ctx, name, failure);
            handler.resumeReads(ctx);
            relay.flush();
        });
    }

    /** {@code left}, or {@code internal} when the cluster did not confirm the leave (the reason is logged by the directory). */
    private void answerLeave(ChannelHandlerContext ctx, String name, Throwable failure) {
        if (failure == null) {
            handler.send(ctx, new Left(name));
        } else {
            handler.send(ctx, new ErrorMessage(ErrorCode.INTERNAL, "left room '" + name + "' on this node, but the"
                    + " cluster's directory did not confirm it; the room counts you as a member until this node"
                    + " reaches the directory again; you may join again", "leave"));
        }
        handler.leftRoom(ctx);
    }

    /**
     * Leaves the room, if in one (a {@code leave}, or the connection closed): at once on this node (its
     * SFU session closed, nothing more relayed to or from it). The members of this node that remain are
     * told {@code peer-left} when the leave is recorded (in cluster mode: once Redis has run it, so that a
     * member told of a departure finds the seat free on every node; also when Redis failed, since the
     * member is gone from here). The result completes on this connection's event loop after that, and
     * fails when Redis did not confirm the leave.
     */
    CompletableFuture<Void> leaveRoom() {
        if (room == null) {
            return RoomRegistry.RECORDED;
        }
        if (sfuSession != null) {
            sfuSession.close();
            sfuSession = null;
        }
        Member leaver = self;
        RoomRegistry.Departure departure = rooms.leave(room, leaver);
        room = null;
        if (departure.recorded().isDone()) {
            announceLeft(leaver, departure.remaining());
            return departure.recorded();
        }
        CompletableFuture<Void> told = new CompletableFuture<>();
        EventLoop loop = leaver.channel().eventLoop();
        departure.recorded().whenComplete((ok, failure) -> {
            try {
                loop.execute(() -> {
                    announceLeft(leaver, departure.remaining());
                    if (failure == null) {
                        told.complete(null);
                    } else {
                        told.completeExceptionally(failure);
                    }
                });
            } catch (RejectedExecutionException e) {
                // the server is shutting down: nobody left to tell
            }
        });
        return told;
    }

    private void announceLeft(Member leaver, Member[] remaining) {
        PeerLeft announcement = new PeerLeft(leaver.id());
        for (Member other : remaining) {
            relay.announce(other.channel(), announcement);
        }
        relay.flush();
    }
}
