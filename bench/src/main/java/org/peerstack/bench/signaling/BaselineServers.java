package org.peerstack.bench.signaling;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The baselines of the signaling benchmark, on the same Netty version, transport and thread count as
 * the peerstack server: a bare WebSocket echo ({@code echo}, a flush per frame), the same echo with one
 * flush per read ({@code echo-batched}: no JSON and the fewest writes, so its latency tail is what this
 * machine and load generator allow any WebSocket server), and a minimal relay (Jackson tree: parse,
 * stamp {@code from}, forward to the connection named by {@code to}; {@code join} answers with an id),
 * and a relay with no JSON at all that batches its writes like the peerstack server ({@code relay-floor},
 * see {@link FloorRelay}).
 * None has rooms, limits, auth or metrics: they are the floor the real server is measured against.
 */
final class BaselineServers {

    static final String PATH = "/signaling";
    private static final ObjectMapper JSON = new ObjectMapper();

    private BaselineServers() {
    }

    /** Starts {@code kind} ("echo", "echo-batched", "minimal", "relay-floor") on 127.0.0.1, any port; returns the closeable server. */
    static Running start(String kind, int threads) {
        ConcurrentHashMap<String, Channel> peers = new ConcurrentHashMap<>();
        AtomicLong ids = new AtomicLong();
        Supplier<ChannelHandler> handler = switch (kind) {
            case "echo" -> Echo::new;
            case "echo-batched" -> BatchedEcho::new;
            case "minimal" -> () -> new Relay(peers, ids);
            case "relay-floor" -> () -> new FloorRelay(peers, ids);
            default -> throw new IllegalArgumentException("unknown baseline: " + kind);
        };
        EventLoopGroup boss = new EpollEventLoopGroup(1);
        EventLoopGroup workers = new EpollEventLoopGroup(threads);
        Channel server = new ServerBootstrap().group(boss, workers).channel(EpollServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65536),
                                new WebSocketServerProtocolHandler(PATH, null, false, 65536), handler.get());
                    }
                }).bind("127.0.0.1", 0).syncUninterruptibly().channel();
        return new Running(server, boss, workers);
    }

    record Running(Channel server, EventLoopGroup boss, EventLoopGroup workers) implements AutoCloseable {
        int port() {
            return ((InetSocketAddress) server.localAddress()).getPort();
        }

        @Override
        public void close() {
            server.close().syncUninterruptibly();
            boss.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
            workers.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /** Writes every text frame back. */
    static final class Echo extends SimpleChannelInboundHandler<TextWebSocketFrame> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
            ctx.writeAndFlush(frame.retain());
        }
    }

    /** Writes every text frame back, flushing once per read. */
    static final class BatchedEcho extends SimpleChannelInboundHandler<TextWebSocketFrame> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
            ctx.write(frame.retain(), ctx.voidPromise());
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
            ctx.flush();
            super.channelReadComplete(ctx);
        }
    }

    /** True for the servers that send every message back to its sender (no rooms, no join). */
    static boolean isEcho(String kind) {
        return kind.startsWith("echo");
    }

    /** Parse, stamp {@code from}, forward. */
    static final class Relay extends SimpleChannelInboundHandler<TextWebSocketFrame> {
        private final ConcurrentHashMap<String, Channel> peers;
        private final AtomicLong ids;
        private String id;

        Relay(ConcurrentHashMap<String, Channel> peers, AtomicLong ids) {
            this.peers = peers;
            this.ids = ids;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) throws IOException {
            ObjectNode message;
            try (InputStream in = new ByteBufInputStream(frame.content().duplicate())) {
                message = (ObjectNode) JSON.readTree(in);
            }
            if ("join".equals(message.path("type").asText())) {
                id = "m" + ids.incrementAndGet();
                peers.put(id, ctx.channel());
                ObjectNode joined = JSON.createObjectNode().put("type", "joined").put("id", id);
                joined.putArray("members");
                ctx.writeAndFlush(encode(ctx.channel(), joined));
                return;
            }
            Channel target = peers.get(message.path("to").asText());
            if (target != null) {
                message.put("from", id);
                send(target, encode(target, message));
            }
        }

        private void send(Channel target, TextWebSocketFrame frame) {
            target.writeAndFlush(frame);
        }

        private static TextWebSocketFrame encode(Channel channel, ObjectNode node) throws IOException {
            ByteBuf buffer = channel.alloc().buffer(256);
            try (OutputStream out = new ByteBufOutputStream(buffer)) {
                JSON.writeValue(out, node);
            }
            return new TextWebSocketFrame(buffer);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (id != null) {
                peers.remove(id);
            }
        }
    }

    /**
     * The least work a relay can do with this load: no JSON (the target is the text after the first
     * {@code "to":"}), no {@code from}, the received frame forwarded as it is; writes batched like the
     * peerstack server's (a receiver on this event loop is written at once and flushed once per read,
     * receivers on another loop get one task per loop per read). Its latency tail is what this machine
     * and load generator allow any relay, whose writes per message (one per receiver per read) an echo
     * does not have.
     */
    static final class FloorRelay extends SimpleChannelInboundHandler<TextWebSocketFrame> {
        private static final byte[] TO = "\"to\":\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        private final ConcurrentHashMap<String, Channel> peers;
        private final AtomicLong ids;
        private final java.util.List<Channel> local = new java.util.ArrayList<>();
        private final java.util.Map<io.netty.channel.EventLoop, java.util.List<Object>> remote = new java.util.HashMap<>();
        private String id;

        FloorRelay(ConcurrentHashMap<String, Channel> peers, AtomicLong ids) {
            this.peers = peers;
            this.ids = ids;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
            ByteBuf text = frame.content();
            if (id == null) { // the load client's first message is its join
                id = "m" + ids.incrementAndGet();
                peers.put(id, ctx.channel());
                ctx.writeAndFlush(new TextWebSocketFrame("{\"type\":\"joined\",\"id\":\"" + id + "\",\"members\":[]}"));
                return;
            }
            int at = io.netty.buffer.ByteBufUtil.indexOf(Unpooled.wrappedBuffer(TO), text);
            if (at < 0) {
                return;
            }
            int from = at + TO.length;
            int end = text.indexOf(from, text.writerIndex(), (byte) '"');
            Channel target = end < 0 ? null : peers.get(text.toString(from, end - from, java.nio.charset.StandardCharsets.US_ASCII));
            if (target == null) {
                return;
            }
            frame.retain();
            if (target.eventLoop().inEventLoop()) {
                target.write(frame, target.voidPromise());
                if (!local.contains(target)) {
                    local.add(target);
                }
            } else {
                java.util.List<Object> items = remote.computeIfAbsent(target.eventLoop(), l -> new java.util.ArrayList<>());
                items.add(target);
                items.add(frame);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
            for (Channel target : local) {
                target.flush();
            }
            local.clear();
            for (java.util.Map.Entry<io.netty.channel.EventLoop, java.util.List<Object>> entry : remote.entrySet()) {
                if (entry.getValue().isEmpty()) {
                    continue;
                }
                java.util.List<Object> items = new java.util.ArrayList<>(entry.getValue());
                entry.getValue().clear();
                entry.getKey().execute(() -> {
                    java.util.List<Channel> touched = new java.util.ArrayList<>(4);
                    for (int i = 0; i < items.size(); i += 2) {
                        Channel target = (Channel) items.get(i);
                        target.write(items.get(i + 1), target.voidPromise());
                        if (!touched.contains(target)) {
                            touched.add(target);
                        }
                    }
                    touched.forEach(Channel::flush);
                });
            }
            super.channelReadComplete(ctx);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (id != null) {
                peers.remove(id);
            }
        }
    }
}
