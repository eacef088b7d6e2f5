package org.peerstack.signaling.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code GET /ice-servers}: the STUN/TURN servers of {@code http.ice-servers} as the JSON a page passes
 * to {@code new RTCPeerConnection(config)}: {@code {"iceServers":[{"urls":["stun:..."]}]}} (an empty
 * list when none are configured). The demo page fetches it before it joins, so calls work beyond a LAN
 * when a TURN server is configured. Every other request passes on; the handler leaves the pipeline when
 * the WebSocket opens.
 */
@ChannelHandler.Sharable
final class IceServersEndpoint extends ChannelInboundHandlerAdapter {

    /** The URL path served. */
    static final String PATH = "/ice-servers";
    static final String JSON_TYPE = "application/json";

    /** The handler made last, reused while the server's settings are the same (one per server in practice). */
    private static volatile IceServersEndpoint last;

    private final List<IceServerSettings> servers;
    private final byte[] body;

    private IceServersEndpoint(List<IceServerSettings> servers) {
        this.servers = servers;
        this.body = json(servers);
    }

    /** The shared handler for {@code servers} (the JSON is written once, not per connection). */
    static IceServersEndpoint of(List<IceServerSettings> servers) {
        IceServersEndpoint handler = last;
        if (handler == null || handler.servers != servers) {
            handler = new IceServersEndpoint(servers);
            last = handler;
        }
        return handler;
    }

    static byte[] json(List<IceServerSettings> servers) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        ArrayNode list = root.putArray("iceServers");
        for (IceServerSettings server : servers) {
            ObjectNode entry = list.addObject();
            server.urls().forEach(entry.putArray("urls")::add);
            if (!server.username().isEmpty()) {
                entry.put("username", server.username());
            }
            if (!server.credential().isEmpty()) {
                entry.put("credential", server.credential());
            }
        }
        return root.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof FullHttpRequest request && isOurs(request)) {
            try {
                HttpResponses.send(ctx, request, HttpResponseStatus.OK, JSON_TYPE, Unpooled.wrappedBuffer(body));
            } finally {
                ReferenceCountUtil.release(request);
            }
            return;
        }
        ctx.fireChannelRead(msg);
    }

    private static boolean isOurs(FullHttpRequest request) {
        if (!HttpMethod.GET.equals(request.method()) && !HttpMethod.HEAD.equals(request.method())) {
            return false;
        }
        try {
            return PATH.equals(new QueryStringDecoder(request.uri()).path());
        } catch (IllegalArgumentException e) {
            return false; // HttpEndpoints answers 400
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
            ctx.pipeline().remove(this);
        }
        super.userEventTriggered(ctx, evt);
    }
}
