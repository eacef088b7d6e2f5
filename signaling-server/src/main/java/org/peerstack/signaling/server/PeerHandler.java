package org.peerstack.signaling.server;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.CodecException;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.net.SocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.peerstack.exc.ErrorCode;
import org.peerstack.signaling.SignalingCodec;
import org.peerstack.signaling.SignalingMessage;
import org.peerstack.signaling.SignalingMessage.Addressed;
import org.peerstack.signaling.SignalingMessage.AppMessage;
import org.peerstack.signaling.SignalingMessage.ErrorMessage;
import org.peerstack.signaling.SignalingMessage.Join;
import org.peerstack.signaling.SignalingMessage.Leave;
import org.peerstack.signaling.SignalingMessage.MaxResolution;
import org.peerstack.signaling.SignalingMessage.Ping;
import org.peerstack.signaling.SignalingMessage.Pong;
import org.peerstack.signaling.server.sfu.SfuRooms;

/**
 * The protocol logic of one connection (last in the pipeline; one instance per channel): its life
 * (handshake and join deadlines, idle, slow consumer, shutdown), what it reads (dispatched in order:
 * {@code join}/{@code leave} to its {@link RoomMembership}, messages to other members to its
 * {@link MeshRelay}, messages to "sfu" in an SFU room through {@link SfuDispatch}, {@code ping}), its
 * errors ({@code error} answers, WebSocket close codes where the protocol says so) and client faults.
 * Runs on the connection's event loop only.
 */
final class PeerHandler extends ChannelInboundHandlerAdapter {

    /** Fired on every channel by {@link SignalingServer#close()}. */
    enum Shutdown { INSTANCE }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ID_ENCODER = Base64.getUrlEncoder().withoutPadding();
    /** Random bytes in a peer id (unit: bytes; 9 bytes = 12 base64url characters). */
    static final int PEER_ID_BYTES = 9;
    /** Time a client gets to read the error and close frame before the server closes the socket (milliseconds). */
    static final long CLOSE_GRACE_MS = 5_000;

    private final SignalingLimits limits;
    private final ServerMetrics metrics;
    private final ClientFaults faults;
    private final MeshRelay relay;
    private final RoomMembership membership;
    /** This handler's context (set when added to the pipeline): where the relay's errors go. */
    private ChannelHandlerContext context;
    private ScheduledFuture<?> handshakeDeadline;
    /** While open and not in a room: when the connection is closed with join-timeout. */
    private ScheduledFuture<?> joinDeadline;
    private final long joinTimeoutMs;
    private boolean open;
    private boolean closing;

    /** What arrives while a join waits for the cluster, handled once the join is decided. */
    private final JoinBacklog backlog = new JoinBacklog();

    PeerHandler(RoomRegistry rooms, SignalingLimits limits, AuthSettings auth, ServerMetrics metrics, ClientFaults faults,
                long joinTimeoutMs, Clock clock) {
        this(rooms, limits, auth, metrics, faults, joinTimeoutMs, clock, null, null);
    }

    PeerHandler(RoomRegistry rooms, SignalingLimits limits, AuthSettings auth, ServerMetrics metrics, ClientFaults faults,
                long joinTimeoutMs, Clock clock, SfuRooms sfuRooms, ClusterSfu clusterSfu) {
        this.faults = faults;
        this.joinTimeoutMs = joinTimeoutMs;
        this.limits = limits;
        this.metrics = metrics;
        this.relay = new MeshRelay(rooms, metrics, error -> send(context, error));
        this.membership = new RoomMembership(this, rooms, limits, auth, metrics, clock, relay, sfuRooms, clusterSfu);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        context = ctx;
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
        membership.opened(ctx);
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
            if (membership.room() == null && !closing && ctx.channel().isActive()) {
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
        relay.flush();
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
        Room room = membership.room();
        if (message instanceof Addressed addressed) {
            if (room != null && room.isSfu()) {
                SfuDispatch.addressed(addressed, membership.self().id(), membership.sfuSession(), error -> send(ctx, error));
                return;
            }
            if (room != null && addressed instanceof MaxResolution) { // not relayed between members of a mesh room
                send(ctx, new ErrorMessage(ErrorCode.BAD_MESSAGE, "'max-resolution' is for SFU rooms only", "max-resolution"));
                return;
            }
            relay.addressed(membership.self(), room, addressed, json);
        } else if (message instanceof AppMessage app) {
            relay.app(membership.self(), room, app, json);
        } else if (message instanceof Join join) {
            membership.join(ctx, join);
        } else if (message instanceof Leave) {
            membership.leave(ctx);
        } else if (message instanceof Ping) {
            send(ctx, new Pong());
        } else {
            String type = SignalingCodec.typeName(message.getClass());
            send(ctx, new ErrorMessage(ErrorCode.BAD_MESSAGE, "'" + type + "' is sent by the server only", type));
        }
    }

    /** A join or a leave waits for the cluster: hold what the connection reads meanwhile. */
    void holdReads(ChannelHandlerContext ctx) {
        backlog.start(ctx.channel());
    }

    /** The join or leave is decided and answered: handle what was held, in order. */
    void resumeReads(ChannelHandlerContext ctx) {
        backlog.resume(ctx.channel(), held -> channelRead(ctx, held));
    }

    /** The connection is in a room: no join deadline, counted as joined. */
    void joinedRoom(ChannelHandlerContext ctx) {
        cancelJoinDeadline();
        ConnectionBudget.Ticket ticket = ticket(ctx);
        if (ticket != null) {
            ticket.joined();
        }
    }

    /** The connection left its room with {@code leave}: counted as unjoined, and must join again in time. */
    void leftRoom(ChannelHandlerContext ctx) {
        ConnectionBudget.Ticket ticket = ticket(ctx);
        if (ticket != null) {
            ticket.left();
        }
        awaitJoin(ctx);
    }

    /** Fired by {@link OutboundQueue} when it has given up on a receiver that reads too slowly. */
    enum SlowConsumer { INSTANCE }

    void send(ChannelHandlerContext ctx, SignalingMessage message) {
        if (message instanceof ErrorMessage error) {
            metrics.error(error.code());
        }
        ctx.writeAndFlush(message, ctx.voidPromise());
    }

    /** Sends an error, then the error's close code, then closes. */
    void fail(ChannelHandlerContext ctx, ErrorCode code, String text, String ref) {
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
        membership.leaveRoom();
        super.channelInactive(ctx);
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
}
