package org.peerstack.signaling.server;

import io.netty.buffer.ByteBufHolder;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayDeque;
import org.peerstack.exc.ErrorCode;
import org.peerstack.signaling.SignalingCodec;
import org.peerstack.signaling.SignalingMessage.ErrorMessage;

/**
 * The backlog of one slow receiver, held here instead of in the socket's outbound buffer so that it
 * can be dropped. Frames pass straight through while the channel is writable (its write buffer is
 * below {@link #socketHighWaterMark} bytes); otherwise they wait here, in order, and go out as the
 * channel drains. When more than {@code limits.max-outbound-buffer-bytes} wait, the receiver is a
 * slow consumer: the waiting frames are dropped (and counted per message), the error
 * {@code slow-consumer} and the close frame 1008 are written right behind what the socket already
 * holds, and every later frame is dropped (and counted) until the connection is closed. So a client
 * that reads slowly still receives the error and the close, at most {@link #socketHighWaterMark} bytes
 * after the overflow. One instance per connection, between the JSON codec and the frame encoder.
 */
final class OutboundQueue extends ChannelDuplexHandler {

    /** The socket write buffer's share of {@code limits.max-outbound-buffer-bytes} (a divisor). */
    static final int SOCKET_SHARE = 16;

    /**
     * The socket write buffer's high water mark for a budget of {@code maxOutboundBufferBytes} (bytes):
     * a sixteenth of it (64 KiB for the default 1 MiB); above it, frames wait in this queue. The low
     * water mark, below which they go out again, is half of it. A smaller share would make writability
     * flip more often under load (each flip costs a pipeline event and a flush).
     */
    static int socketHighWaterMark(int maxOutboundBufferBytes) {
        return Math.max(1024, maxOutboundBufferBytes / SOCKET_SHARE);
    }

    private final int maxQueuedBytes;
    private final SignalingCodec codec;
    private final ServerMetrics metrics;
    private ArrayDeque<Object> queue;
    private long queuedBytes;
    private boolean overflowed;

    OutboundQueue(int maxQueuedBytes, SignalingCodec codec, ServerMetrics metrics) {
        this.maxQueuedBytes = maxQueuedBytes;
        this.codec = codec;
        this.metrics = metrics;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (overflowed) {
            drop(msg, promise);
            return;
        }
        if ((queue == null || queue.isEmpty()) && ctx.channel().isWritable()) {
            ctx.write(msg, promise);
            return;
        }
        if (queue == null) {
            queue = new ArrayDeque<>();
        }
        queue.add(msg);
        queue.add(promise);
        queuedBytes += size(msg);
        if (queuedBytes > maxQueuedBytes) {
            overflow(ctx);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (ctx.channel().isWritable() && queue != null && !queue.isEmpty() && !overflowed) {
            while (!queue.isEmpty() && ctx.channel().isWritable()) {
                Object msg = queue.poll();
                ChannelPromise promise = (ChannelPromise) queue.poll();
                queuedBytes -= size(msg);
                ctx.write(msg, promise);
            }
            ctx.flush();
        }
        super.channelWritabilityChanged(ctx);
    }

    /** Drops the backlog, then writes the error and the close frame; tells the room logic (user event). */
    private void overflow(ChannelHandlerContext ctx) {
        overflowed = true;
        int dropped = 0;
        while (!queue.isEmpty()) {
            Object msg = queue.poll();
            ChannelPromise promise = (ChannelPromise) queue.poll();
            dropped += drop(msg, promise);
        }
        queuedBytes = 0;
        String text = "more than " + maxQueuedBytes + " bytes waited for this connection (it reads too slowly); "
                + dropped + " message(s) dropped";
        metrics.error(ErrorCode.SLOW_CONSUMER);
        ctx.write(new TextWebSocketFrame(codec.encode(new ErrorMessage(ErrorCode.SLOW_CONSUMER, text, null), ctx.alloc())));
        ctx.writeAndFlush(new CloseWebSocketFrame(ErrorCode.SLOW_CONSUMER.closeCode(), ErrorCode.SLOW_CONSUMER.token()))
                .addListener(ChannelFutureListener.CLOSE);
        ctx.fireUserEventTriggered(PeerHandler.SlowConsumer.INSTANCE);
    }

    /** Releases a frame that will not be sent; returns 1 when it was a message (a text frame), else 0. */
    private int drop(Object msg, ChannelPromise promise) {
        int message = msg instanceof TextWebSocketFrame ? 1 : 0;
        if (message == 1) {
            metrics.dropped(ServerMetrics.Drop.SLOW_CONSUMER, 1);
        }
        ReferenceCountUtil.release(msg);
        if (!promise.isVoid()) {
            promise.tryFailure(new ClosedChannelException());
        }
        return message;
    }

    private static int size(Object msg) {
        return msg instanceof ByteBufHolder holder ? holder.content().readableBytes() : 0;
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (queue != null) {
            while (!queue.isEmpty()) {
                Object msg = queue.poll();
                ChannelPromise promise = (ChannelPromise) queue.poll();
                drop(msg, promise);
            }
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        handlerRemoved(ctx);
        super.channelInactive(ctx);
    }
}
