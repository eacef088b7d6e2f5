package org.peerstack.signaling.server;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.List;
import org.peerstack.exc.SignalingException;
import org.peerstack.signaling.ErrorCode;
import org.peerstack.signaling.SignalingCodec;
import org.peerstack.signaling.SignalingMessage;

/**
 * Text frames to {@link SignalingMessage}s and back. An undecodable text frame or a binary frame
 * becomes a {@link Rejected} carrying the protocol error, so nothing is thrown and the connection
 * stays usable. Stateless and shared by all connections.
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
            try {
                out.add(codec.decode(frame.content()));
                metrics.received();
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
