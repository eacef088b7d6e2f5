package org.peerstack.signaling.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.CodecException;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.net.SocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.peerstack.exc.ErrorCode;
import org.peerstack.exc.SignalingException;
import org.peerstack.signaling.RoomToken;
import org.peerstack.signaling.SignalingCodec;
import org.peerstack.signaling.SignalingMessage;
import org.peerstack.signaling.SignalingMessage.Addressed;
import org.peerstack.signaling.SignalingMessage.AppMessage;
import org.peerstack.signaling.SignalingMessage.ErrorMessage;
import org.peerstack.signaling.SignalingMessage.Join;
import org.peerstack.signaling.SignalingMessage.Joined;
import org.peerstack.signaling.SignalingMessage.Leave;
import org.peerstack.signaling.SignalingMessage.Left;
import org.peerstack.signaling.SignalingMessage.PeerJoined;
import org.peerstack.signaling.SignalingMessage.PeerLeft;
import org.peerstack.signaling.SignalingMessage.Ping;
import org.peerstack.signaling.SignalingMessage.Pong;
import org.peerstack.signaling.server.sfu.SfuRooms;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The room logic of one connection (last in the pipeline; one instance per channel, holding the
 * connection's peer id and room). It assigns the peer id when the WebSocket opens, answers
 * {@code join}/{@code leave}/{@code ping}, relays addressed messages within the room stamping
 * {@code from}, answers every refused input with an {@code error}, and closes with a WebSocket close
 * code where the protocol says so. Runs on the connection's event loop only.
 */
final class PeerHandler extends ChannelInboundHandlerAdapter {

    /** Fired on every channel by {@link SignalingServer#close()}. */
    enum Shutdown { INSTANCE }

    private static final Logger LOG = LoggerFactory.getLogger(PeerHandler.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ID_ENCODER = Base64.getUrlEncoder().withoutPadding();
    /** Random bytes in a peer id (unit: bytes; 9 bytes = 12 base64url characters). */
    static final int PEER_ID_BYTES = 9;
    /** Longest peer id quoted back in an {@code unknown-peer} error (unit: characters). */
    static final int MAX_QUOTED_ID = 64;
    /** Time a client gets to read the error and close frame before the server closes the socket (milliseconds). */
    static final long CLOSE_GRACE_MS = 5_000;

    private final RoomRegistry rooms;
    private final SignalingLimits limits;
    private final AuthSettings auth;
    private final ServerMetrics metrics;
    private final ClientFaults faults;
    private final Clock clock;
    /** What this connection sends to other members during a read; flushed when the read completes. */
    private RelayBatch batch;
    /** Adds this connection's {@code from} to relayed bytes; made at the first such relay. */
    private FromStamp stamp;
    private ScheduledFuture<?> handshakeDeadline;
    /** While open and not in a room: when the connection is closed with join-timeout. */
    private ScheduledFuture<?> joinDeadline;
    private final long joinTimeoutMs;
    private Member self;
    private Room room;
    private boolean open;
    private boolean closing;
    /** A join waits for the cluster's answer (cluster mode only). */
    private boolean joining;
    /** SFU rooms of this server (sfu.enabled), or null. */
    private final SfuRooms sfuRooms;
    /** SFU rooms across the nodes of a cluster (cluster mode with sfu.enabled), or null. */
    private final ClusterSfu clusterSfu;
    /** This connection's session with its SFU room's SFU, or null. */
    private SfuSession sfuMember;

    /** What arrives while {@link #joining}, handled once the join is decided. */
    private final JoinBacklog backlog = new JoinBacklog();

    PeerHandler(RoomRegistry rooms, SignalingLimits limits, AuthSettings auth, ServerMetrics metrics, ClientFaults faults,
                long joinTimeoutMs, Clock clock) {
        this(rooms, limits, auth, metrics, faults, joinTimeoutMs, clock, null, null);
    }

    PeerHandler(RoomRegistry rooms, SignalingLimits limits, AuthSettings auth, ServerMetrics metrics, ClientFaults faults,
                long joinTimeoutMs, Clock clock, SfuRooms sfuRooms, ClusterSfu clusterSfu) {
        this.sfuRooms = sfuRooms;
        this.clusterSfu = clusterSfu;
        this.faults = faults;
        this.joinTimeoutMs = joinTimeoutMs;
        this.rooms = rooms;
        this.limits = limits;
        this.auth = auth;
        this.metrics = metrics;
        this.clock = clock;
    }

    static String newPeerId() {
        byte[] bytes = new byte[PEER_ID_BYTES];
        RANDOM.nextBytes(bytes);
        return ID_ENCODER.encodeToString(bytes);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        handshakeDeadline = ctx.executor().schedule(() -> {
            if (!open && ctx.channel().isActive()) {
                metrics.refused("handshake-timeout");
                faults.report("handshake-timeout", ctx.channel().remoteAddress(),
                        "no WebSocket handshake within " + limits.handshakeTimeoutMs() + " ms");
                ctx.close();
            }
        }, limits.handshakeTimeoutMs(), TimeUnit.MILLISECONDS);
        super.channelActive(ctx);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
            opened(ctx);
        } else if (evt instanceof IdleStateEvent) {
            if (open) {
                fail(ctx, ErrorCode.IDLE_TIMEOUT, "no message for " + limits.idleTimeoutMs() + " ms", null);
            } else {
                ctx.close();
            }
        } else if (evt == SlowConsumer.INSTANCE) {
            // OutboundQueue has dropped the backlog and written the error and the close frame
            if (!closing) {
                closing = true;
                ctx.executor().schedule(() -> ctx.close(), CLOSE_GRACE_MS, TimeUnit.MILLISECONDS);
            }
        } else if (evt == Shutdown.INSTANCE) {
            if (open) {
                fail(ctx, ErrorCode.GOING_AWAY, "the server is shutting down; reconnect later", null);
            } else {
                ctx.close();
            }
        } else {
            super.userEventTriggered(ctx, evt);
        }
    }

    private void opened(ChannelHandlerContext ctx) {
        open = true;
        if (handshakeDeadline != null) {
            handshakeDeadline.cancel(false);
            handshakeDeadline = null;
        }
        if (ctx.pipeline().get(HandshakeGate.class) != null) {
            ctx.pipeline().remove(HandshakeGate.class);
        }
        if (ctx.pipeline().get(HttpEndpoints.class) != null) {
            ctx.pipeline().remove(HttpEndpoints.class);
        }
        metrics.websockets().incrementAndGet();
        self = new Member(newPeerId(), null, ctx.channel());
        ConnectionBudget.Ticket ticket = ticket(ctx);
        if (ticket != null) {
            ticket.opened();
        }
        awaitJoin(ctx);
    }

    private static ConnectionBudget.Ticket ticket(ChannelHandlerContext ctx) {
        return ctx.channel().attr(ConnectionBudget.TICKET).get();
    }

    /** Closes the connection with join-timeout unless it joins a room within the join timeout. */
    private void awaitJoin(ChannelHandlerContext ctx) {
        joinDeadline = ctx.executor().schedule(() -> {
            if (room == null && !closing && ctx.channel().isActive()) {
                faults.report("join-timeout", ctx.channel().remoteAddress(), "no join within " + joinTimeoutMs + " ms");
                fail(ctx, ErrorCode.JOIN_TIMEOUT, "no join within " + joinTimeoutMs + " ms", null);
            }
        }, joinTimeoutMs, TimeUnit.MILLISECONDS);
    }

    private void cancelJoinDeadline() {
        if (joinDeadline != null) {
            joinDeadline.cancel(false);
            joinDeadline = null;
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (backlog.hold(msg)) {
            return;
        }
        try {
            if (msg instanceof Rejected rejected) {
                refused(ctx, rejected);
            } else if (msg instanceof Relayable relayable && !closing) {
                handle(ctx, relayable.message(), relayable.json());
            } else if (msg instanceof SignalingMessage message && !closing) {
                handle(ctx, message, null);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    /** One flush per receiver per read instead of one per message. */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
        if (batch != null) {
            batch.flush();
        }
        super.channelReadComplete(ctx);
    }

    /** Answers a refused frame; nothing once the connection is closing (no data frame may follow a close frame). */
    private void refused(ChannelHandlerContext ctx, Rejected rejected) {
        if (closing) {
            return;
        }
        if (rejected.closeCode() == 0) {
            send(ctx, rejected.toError());
        } else {
            closing = true;
            send(ctx, rejected.toError());
            ctx.writeAndFlush(new CloseWebSocketFrame(rejected.closeCode(), rejected.code().token()))
                    .addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** {@code json}: the bytes {@code message} arrived in when {@link FromStamp} may forward them, else null. */
    private void handle(ChannelHandlerContext ctx, SignalingMessage message, byte[] json) {
        if (message instanceof Addressed addressed) {
            if (room != null && room.isSfu()) {
                SfuDispatch.addressed(addressed, self.id(), sfuMember, error -> send(ctx, error));
                return;
            }
            relay(ctx, addressed, json);
        } else if (message instanceof AppMessage app) {
            relayApp(ctx, app, json);
        } else if (message instanceof Join join) {
            join(ctx, join);
        } else if (message instanceof Leave) {
            if (room == null) {
                send(ctx, new ErrorMessage(ErrorCode.NOT_JOINED, "not in a room", "leave"));
            } else {
                String left = room.name();
                leaveRoom();
                send(ctx, new Left(left));
                ConnectionBudget.Ticket ticket = ticket(ctx);
                if (ticket != null) {
                    ticket.left();
                }
                awaitJoin(ctx);
            }
        } else if (message instanceof Ping) {
            send(ctx, new Pong());
        } else {
            String type = SignalingCodec.typeName(message.getClass());
            send(ctx, new ErrorMessage(ErrorCode.BAD_MESSAGE, "'" + type + "' is sent by the server only", type));
        }
    }

    private void join(ChannelHandlerContext ctx, Join join) {
        if (room != null || joining) {
            send(ctx, new ErrorMessage(ErrorCode.ALREADY_JOINED, room != null ? "already in room '" + room.name()
                    + "'; leave first" : "a join is in progress", "join"));
            return;
        }
        String problem = JoinCheck.malformed(join, limits);
        if (problem != null) {
            send(ctx, new ErrorMessage(ErrorCode.BAD_MESSAGE, problem, "join"));
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
                fail(ctx, ErrorCode.UNAUTHORIZED, e.getMessage(), "join");
                return;
            }
        }
        boolean sfuIfNew = join.wantsSfu() || (sfuRooms != null && sfuRooms.matches(join.room()));
        String sfuProblem = SfuDispatch.unavailable(sfuIfNew, sfuRooms);
        if (sfuProblem != null) {
            send(ctx, new ErrorMessage(ErrorCode.SFU_UNAVAILABLE, sfuProblem, "join"));
            return;
        }
        // One node: complete at once. Cluster mode: completes when Redis has answered (any thread).
        CompletableFuture<RoomRegistry.JoinResult> result = rooms.join(join.room(), new Member(self.id(), name, ctx.channel()),
                sfuIfNew, join.wantsSfu());
        if (result.isDone()) {
            joined(ctx, join, result.join());
        } else {
            joining = true;
            backlog.start(ctx.channel());
            result.thenAccept(done -> ctx.executor().execute(() -> {
                joined(ctx, join, done);
                backlog.resume(ctx.channel(), held -> channelRead(ctx, held));
                if (batch != null) {
                    batch.flush();
                }
            }));
        }
    }

    private void joined(ChannelHandlerContext ctx, Join join, RoomRegistry.JoinResult result) {
        joining = false;
        if (result.error() != null) {
            String text = result.reason() != null ? result.reason() : result.error() == ErrorCode.ROOM_FULL
                    ? "room '" + join.room() + "' has " + limits.maxMembersPerRoom() + " members already"
                    : "the server holds " + limits.maxRooms() + " rooms already";
            send(ctx, new ErrorMessage(result.error(), text, "join"));
            return;
        }
        if (!ctx.channel().isActive()) {
            rooms.leave(result.room(), result.member()); // closed while the cluster decided
            return;
        }
        if (result.room().isSfu() && sfuRooms == null) { // cluster mode: an SFU room made by a node with an SFU
            rooms.leave(result.room(), result.member());
            send(ctx, new ErrorMessage(ErrorCode.SFU_UNAVAILABLE, "room '" + join.room() + "' is an SFU room and this"
                    + " node has no SFU (sfu.enabled is false); join it on a node with an SFU", "join"));
            return;
        }
        self = result.member();
        stamp = null;
        room = result.room();
        cancelJoinDeadline();
        ConnectionBudget.Ticket ticket = ticket(ctx);
        if (ticket != null) {
            ticket.joined();
        }
        List<SignalingMessage.Member> others = new ArrayList<>(result.others().length);
        for (Member other : result.others()) {
            others.add(other.toWire());
        }
        send(ctx, new Joined(room.name(), self.id(), others, room.isSfu() ? Boolean.TRUE : null));
        if (room.isSfu()) {
            sfuMember = clusterSfu != null ? clusterSfu.open(room.name(), self.id(), ctx.channel())
                    : SfuSession.of(sfuRooms.join(room, room.name(), self.id(), SfuDispatch.sender(ctx.channel(), metrics)));
        }
        PeerJoined announcement = new PeerJoined(self.id(), self.name());
        for (Member other : result.others()) {
            if (other.isLocal()) { // members on other nodes hear it from their node
                batch().add(other.channel(), announcement);
            }
        }
        if (batch != null) {
            batch.flush();
        }
        LOG.atDebug().setMessage("joined").addKeyValue("room", room.name()).addKeyValue("peer", self.id()).log();
    }

    private void relay(ChannelHandlerContext ctx, Addressed message, byte[] json) {
        Member target = target(ctx, message.to(), message);
        if (target != null) {
            forward(target, stamped(message, json));
            metrics.relayed(1);
        }
    }

    private void relayApp(ChannelHandlerContext ctx, AppMessage message, byte[] json) {
        if (message.to() != null) {
            Member target = target(ctx, message.to(), message);
            if (target != null) {
                forward(target, stamped(message, json));
                metrics.relayed(1);
            }
            return;
        }
        if (room == null) {
            send(ctx, new ErrorMessage(ErrorCode.NOT_JOINED, "join a room before sending messages", "message"));
            return;
        }
        Object stamped = stamped(message, json);
        try {
            int count = 0;
            for (Member member : room.members()) {
                if (member != self) {
                    forward(member, stamped instanceof TextWebSocketFrame frame ? frame.retainedDuplicate() : stamped);
                    count++;
                }
            }
            metrics.relayed(count);
        } finally {
            ReferenceCountUtil.release(stamped);
        }
    }

    /** For the receivers: {@code json} with this connection's {@code from} as a frame, else the record with it. */
    private Object stamped(SignalingMessage message, byte[] json) {
        if (json == null) {
            return message instanceof Addressed addressed ? addressed.withFrom(self.id()) : ((AppMessage) message).withFrom(self.id());
        }
        if (stamp == null) {
            stamp = new FromStamp(self.id());
        }
        return stamp.frame(json);
    }

    private Member target(ChannelHandlerContext ctx, String to, SignalingMessage message) {
        if (room == null) {
            String type = SignalingCodec.typeName(message.getClass());
            send(ctx, new ErrorMessage(ErrorCode.NOT_JOINED, "join a room before sending '" + type + "'", type));
            return null;
        }
        Member target = room.member(to);
        if (target == null || target == self) {
            send(ctx, new ErrorMessage(ErrorCode.UNKNOWN_PEER, "no peer '" + quoted(to)
                    + "' in room '" + room.name() + "'", SignalingCodec.typeName(message.getClass())));
            return null;
        }
        return target;
    }

    /**
     * Sends {@code message} (a {@link SignalingMessage} or a text frame, whose reference it takes) to
     * {@code target}; a receiver that reads too slowly is handled by its {@link OutboundQueue}.
     */
    private void forward(Member target, Object message) {
        if (!target.isLocal()) {
            rooms.relayRemote(room, target, message);
            return;
        }
        batch().add(target.channel(), message);
    }

    /** Created at the first message to another member: idle connections do not carry one. */
    private RelayBatch batch() {
        if (batch == null) {
            batch = new RelayBatch(metrics);
        }
        return batch;
    }

    /** Fired by {@link OutboundQueue} when it has given up on a receiver that reads too slowly. */
    enum SlowConsumer { INSTANCE }

    private void send(ChannelHandlerContext ctx, SignalingMessage message) {
        if (message instanceof ErrorMessage error) {
            metrics.error(error.code());
        }
        ctx.writeAndFlush(message, ctx.voidPromise());
    }

    /** Sends an error, then the error's close code, then closes. */
    private void fail(ChannelHandlerContext ctx, ErrorCode code, String text, String ref) {
        if (closing) {
            return;
        }
        closing = true;
        send(ctx, new ErrorMessage(code, text, ref));
        int closeCode = code.closeCode() == 0 ? 1008 : code.closeCode();
        ctx.writeAndFlush(new CloseWebSocketFrame(closeCode, code.token())).addListener(ChannelFutureListener.CLOSE);
        ctx.executor().schedule(() -> ctx.close(), CLOSE_GRACE_MS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (handshakeDeadline != null) {
            handshakeDeadline.cancel(false);
        }
        cancelJoinDeadline();
        backlog.clear();
        if (open) {
            metrics.websockets().decrementAndGet();
        }
        leaveRoom();
        super.channelInactive(ctx);
    }

    private void leaveRoom() {
        if (room == null) {
            return;
        }
        if (sfuMember != null) {
            sfuMember.close();
            sfuMember = null;
        }
        Member[] remaining = rooms.leave(room, self);
        PeerLeft announcement = new PeerLeft(self.id());
        for (Member other : remaining) {
            batch().add(other.channel(), announcement);
        }
        batch().flush();
        room = null;
    }

    /**
     * Client faults (broken frames, oversized messages, malformed input, lost connections) are answered
     * where the protocol says so and logged by {@link ClientFaults}: one line, no stack trace, rate-limited.
     */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        SocketAddress remote = ctx.channel().remoteAddress();
        if (cause instanceof CorruptedWebSocketFrameException corrupted && open) {
            int status = corrupted.closeStatus().code();
            faults.report(status == 1009 ? "message-too-large" : "bad-frame", remote, corrupted.getMessage());
            if (status == 1009) {
                fail(ctx, ErrorCode.MESSAGE_TOO_LARGE, "frame larger than " + limits.maxMessageBytes() + " bytes", null);
            } else if (!closing) {
                send(ctx, new ErrorMessage(ErrorCode.BAD_MESSAGE, "invalid WebSocket frame: "
                        + corrupted.getMessage(), null));
                closing = true;
                ctx.writeAndFlush(new CloseWebSocketFrame(status, "bad frame")).addListener(ChannelFutureListener.CLOSE);
            }
        } else if (cause instanceof TooLongFrameException && open) {
            faults.report("message-too-large", remote, cause.getMessage());
            fail(ctx, ErrorCode.MESSAGE_TOO_LARGE, "message larger than " + limits.maxMessageBytes() + " bytes", null);
        } else if (cause instanceof IOException || cause instanceof javax.net.ssl.SSLException
                || cause.getCause() instanceof javax.net.ssl.SSLException) {
            faults.report("connection-error", remote, cause.toString());
            ctx.close();
        } else if (cause instanceof PrematureChannelClosureException) {
            faults.report("closed-mid-message", remote, cause.getMessage());
            ctx.close();
        } else if (cause instanceof CodecException) {
            faults.report("bad-input", remote, cause.toString());
            ctx.close();
        } else {
            faults.unexpected(remote, cause);
            ctx.close();
        }
    }

    /** A peer id as quoted in an error: at most {@value #MAX_QUOTED_ID} characters. */
    private static String quoted(String id) {
        return id.length() <= MAX_QUOTED_ID ? id : id.substring(0, MAX_QUOTED_ID) + "...";
    }
}
