package org.peerstack.signaling.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.Arrays;
import java.util.List;
import org.peerstack.exc.SignalingException;
import org.peerstack.exc.ErrorCode;
import org.peerstack.signaling.SignalingCodec;
import org.peerstack.signaling.SignalingMessage;
import org.peerstack.signaling.SignalingMessage.Addressed;
import org.peerstack.signaling.SignalingMessage.AppMessage;

/**
 * Text frames to {@link SignalingMessage}s and back. An undecodable text frame or a binary frame
 * becomes a {@link Rejected} carrying the protocol error, so nothing is thrown and the connection
 * stays usable; a text frame that is not UTF-8 becomes a {@link Rejected} that closes it (1007). A
 * message for other members whose bytes can carry the server's {@code from} as they are comes up as a
 * {@link Relayable} holding those bytes. Stateless and shared by all connections.
 */
@ChannelHandler.Sharable
final class JsonCodec extends MessageToMessageCodec<WebSocketFrame, SignalingMessage> {

    private final SignalingCodec codec;
    private final ServerMetrics metrics;

    JsonCodec(SignalingCodec codec, ServerMetrics metrics) {
        this.codec = codec;
        this.metrics = metrics;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, WebSocketFrame frame, List<Object> out) {
        if (frame instanceof TextWebSocketFrame) {
            // One copy out of the (direct) frame buffer: checking, decoding and relaying read arrays fastest,
            // and a relayed message keeps its bytes without holding the pooled buffer across event loops.
            // The copy ends in FromStamp.SLACK spaces (JSON whitespace), room in which forwarding it with the
            // server's "from" needs no second copy.
            ByteBuf content = frame.content();
            int length = content.readableBytes();
            byte[] json = new byte[length + FromStamp.SLACK];
            content.getBytes(content.readerIndex(), json, 0, length);
            Arrays.fill(json, length, json.length, (byte) ' ');
            if (!Utf8Check.isWellFormed(json, 0, length)) {
                out.add(new Rejected(ErrorCode.BAD_MESSAGE, "a text message must be UTF-8", null, Rejected.INVALID_PAYLOAD));
                return;
            }
            try {
                SignalingMessage message = codec.decode(json, 0, length);
                metrics.received();
                boolean relayed = message instanceof Addressed || message instanceof AppMessage;
                out.add(relayed && FromStamp.applies(json, length) ? new Relayable(message, json) : message);
            } catch (SignalingException e) {
                out.add(new Rejected(e.code(), e.getMessage(), null));
            }
        } else if (frame instanceof BinaryWebSocketFrame) {
            out.add(new Rejected(ErrorCode.UNSUPPORTED_FRAME,
                    "binary frames are not part of the protocol; send JSON in text frames", null));
        } else {
            out.add(frame.retain());
        }
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, SignalingMessage message, List<Object> out) {
        out.add(new TextWebSocketFrame(codec.encode(message, ctx.alloc())));
    }
}
