package org.peerstack.bench.signaling;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A Netty WebSocket load generator on one event loop. Connections join rooms (sizes cycling through
 * {@code roomSizes}) and send ~200-byte {@code candidate} messages to a random other member of their
 * room; the send time travels in {@code usernameFragment} so latency is measured at the receiver.
 * Two modes: closed loop ({@link #startBounce}: every received message triggers a new one from the
 * receiver, so the number in flight stays constant) and open loop ({@link #startRate}: a fixed rate).
 * Against the echo server each connection sends to itself.
 */
final class LoadClient implements AutoCloseable {

    static final String CANDIDATE = "candidate:842163049 1 udp 1677729535 192.0.2.10 61482 typ srflx raddr 0.0.0.0"
            + " rport 0 generation 0 ufrag sK2f network-cost 999";
    private static final byte[] NEEDLE_BYTES = "\"usernameFragment\":\"t".getBytes(StandardCharsets.US_ASCII);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EventLoopGroup group = new EpollEventLoopGroup(1);
    private final URI uri;
    private final boolean echo;
    private final List<Conn> conns = new ArrayList<>();

    // Written by the event loop only.
    private volatile long received;
    private volatile boolean bounce;
    private volatile long offered;
    /** Most messages one open-loop tick had to send (1 ms worth is normal; more means the client thread lagged). */
    volatile long maxDue;
    private boolean recording;
    private long[] samples = new long[0];
    private int sampleCount;

    LoadClient(int port, boolean echo) {
        this.uri = URI.create("ws://127.0.0.1:" + port + BaselineServers.PATH);
        this.echo = echo;
    }

    /** Opens {@code count} connections ({@code parallel} handshakes at a time) and joins rooms. */
    void connect(int count, int[] roomSizes, int parallel) throws Exception {
        List<Conn> room = new ArrayList<>();
        int sizeIndex = 0;
        int roomNumber = conns.size() + 1_000_000;
        for (int start = 0; start < count; start += parallel) {
            List<Conn> batch = new ArrayList<>();
            for (int i = start; i < Math.min(count, start + parallel); i++) {
                Conn conn = open();
                batch.add(conn);
            }
            for (Conn conn : batch) {
                conn.open.get(60, TimeUnit.SECONDS);
            }
            for (Conn conn : batch) {
                if (!echo) {
                    conn.channel.writeAndFlush(new TextWebSocketFrame("{\"type\":\"join\",\"room\":\"r" + roomNumber + "\"}"));
                }
                room.add(conn);
                if (room.size() == roomSizes[sizeIndex % roomSizes.length]) {
                    seal(room);
                    room = new ArrayList<>();
                    sizeIndex++;
                    roomNumber++;
                }
            }
            for (Conn conn : batch) {
                conn.joined.get(60, TimeUnit.SECONDS);
            }
            conns.addAll(batch);
        }
        if (!room.isEmpty()) {
            seal(room);
        }
        for (Conn conn : conns) {
            conn.prepare(echo);
        }
    }

    private static void seal(List<Conn> room) {
        Conn[] members = room.toArray(new Conn[0]);
        for (Conn conn : members) {
            conn.room = members;
        }
    }

    private Conn open() {
        Conn conn = new Conn();
        new Bootstrap().group(group).channel(EpollSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(8192),
                                new WebSocketClientProtocolHandler(uri, WebSocketVersion.V13, null, false,
                                        new DefaultHttpHeaders(), 65536), conn);
                    }
                }).connect(uri.getHost(), uri.getPort()).addListener((ChannelFuture f) -> {
                    if (!f.isSuccess()) {
                        conn.open.completeExceptionally(f.cause());
                    }
                });
        return conn;
    }

    int size() {
        return conns.size();
    }

    /** Connections still open (a server that closes connections under load shows here). */
    long openCount() {
        return conns.stream().filter(c -> c.channel.isActive()).count();
    }

    long received() {
        return received;
    }

    /** Closed loop: {@code inFlight} messages per connection, each answered by a new one. */
    void startBounce(int inFlight) {
        group.next().submit(() -> {
            bounce = true;
            for (Conn conn : conns) {
                for (int i = 0; i < inFlight; i++) {
                    conn.sendToRandomPeer();
                }
                conn.channel.flush();
            }
        }).syncUninterruptibly();
    }

    /** Stops answering and waits until nothing more arrives. */
    void stopAndDrain() throws InterruptedException {
        bounce = false;
        long last = -1;
        while (last != received) {
            last = received;
            Thread.sleep(300);
        }
    }

    /**
     * Open loop: {@code perSecond} messages, until the returned task is cancelled. Every 1 ms tick sends
     * what is due by the clock (so a late tick catches up), in batches of {@code batch} messages per
     * connection, taking the connections in turn, and flushes each connection once per tick: one
     * {@code writev} per batch instead of one {@code write} per message, which is what lets a single
     * client thread offer 100,000 messages/s. Each message carries its own send time.
     */
    ScheduledFuture<?> startRate(int perSecond, int batch) {
        long start = System.nanoTime();
        long[] sent = {0};
        int[] next = {0};
        return group.next().scheduleAtFixedRate(() -> {
            long due = (long) ((System.nanoTime() - start) / 1e9 * perSecond) - sent[0];
            long done = 0;
            while (done < due) {
                Conn conn = conns.get(next[0]);
                next[0] = (next[0] + 1) % conns.size();
                long n = Math.min(batch, due - done);
                for (long i = 0; i < n; i++) {
                    conn.sendToRandomPeer();
                }
                conn.channel.flush();
                done += n;
            }
            sent[0] += done;
            offered = sent[0];
            maxDue = Math.max(maxDue, due);
        }, 1, 1, TimeUnit.MILLISECONDS);
    }

    /** Messages the open loop has sent so far. */
    long offered() {
        return offered;
    }

    /** Starts or stops recording latencies (runs on the event loop). */
    void record(boolean on, int capacity) {
        group.next().submit(() -> {
            if (on) {
                samples = new long[capacity];
                sampleCount = 0;
            }
            recording = on;
        }).syncUninterruptibly();
    }

    /** The recorded latencies in nanoseconds, sorted. */
    long[] latencies() {
        return group.next().submit(() -> {
            long[] copy = java.util.Arrays.copyOf(samples, sampleCount);
            java.util.Arrays.sort(copy);
            return copy;
        }).syncUninterruptibly().getNow();
    }

    @Override
    public void close() {
        for (Conn conn : conns) {
            conn.channel.close();
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** One connection; its handler runs on the client's single event loop. */
    final class Conn extends SimpleChannelInboundHandler<TextWebSocketFrame> {
        final CompletableFuture<Void> open = new CompletableFuture<>();
        final CompletableFuture<String> joined = new CompletableFuture<>();
        Channel channel;
        Conn[] room;
        byte[][] prefixes;

        void prepare(boolean toSelf) throws Exception {
            Conn[] targets = toSelf ? new Conn[] {this} : others();
            prefixes = new byte[targets.length][];
            for (int i = 0; i < targets.length; i++) {
                String to = toSelf ? "self" : targets[i].joined.get();
                prefixes[i] = ("{\"type\":\"candidate\",\"to\":\"" + to + "\",\"candidate\":\"" + CANDIDATE
                        + "\",\"sdpMid\":\"0\",\"sdpMLineIndex\":0,\"usernameFragment\":\"t")
                        .getBytes(StandardCharsets.US_ASCII);
            }
        }

        private Conn[] others() {
            List<Conn> others = new ArrayList<>();
            for (Conn c : room) {
                if (c != this) {
                    others.add(c);
                }
            }
            return others.toArray(new Conn[0]);
        }

        /** Writes one message stamped with the current time; the caller flushes. */
        void sendToRandomPeer() {
            byte[] prefix = prefixes[prefixes.length == 1 ? 0 : ThreadLocalRandom.current().nextInt(prefixes.length)];
            ByteBuf buffer = channel.alloc().buffer(prefix.length + 24);
            buffer.writeBytes(prefix);
            ByteBufUtil.writeAscii(buffer, Long.toString(System.nanoTime()));
            buffer.writeByte('"').writeByte('}');
            channel.write(new TextWebSocketFrame(buffer), channel.voidPromise());
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                channel = ctx.channel();
                open.complete(null);
                if (echo) {
                    joined.complete("self");
                }
            }
            super.userEventTriggered(ctx, evt);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) throws Exception {
            ByteBuf content = frame.content();
            if (!joined.isDone()) {
                joined.complete(JSON.readTree(content.toString(StandardCharsets.UTF_8)).path("id").asText());
                return;
            }
            received++;
            if (recording) {
                int at = timestampAt(content);
                if (at >= 0) {
                    long sentAt = 0;
                    for (int i = at; i < content.writerIndex(); i++) {
                        byte b = content.getByte(i);
                        if (b < '0' || b > '9') {
                            break;
                        }
                        sentAt = sentAt * 10 + (b - '0');
                    }
                    if (sampleCount < samples.length) {
                        samples[sampleCount++] = System.nanoTime() - sentAt;
                    }
                }
            }
            if (bounce) {
                sendToRandomPeer();
            }
        }

        /**
         * Where the send time's digits start: just after {@code "usernameFragment":"t}, or -1. Finds the
         * needle through its only capital letter with Netty's fast byte search; a generic substring
         * search ({@code ByteBufUtil.indexOf}) for every received message was ~20 % of this thread's time
         * while recording (perf), which pushed the one client thread towards saturation and into the
         * latency tail it measures.
         */
        private int timestampAt(ByteBuf content) {
            int end = content.writerIndex();
            int from = content.readerIndex();
            int fOffset = 9; // index of 'F' in "usernameFragment":"t  (the quote is at 0)
            while (true) {
                int f = content.indexOf(from, end, (byte) 'F');
                if (f < 0) {
                    return -1;
                }
                int start = f - fOffset;
                if (start >= content.readerIndex() && start + NEEDLE_BYTES.length <= end && matches(content, start)) {
                    return start + NEEDLE_BYTES.length;
                }
                from = f + 1;
            }
        }

        private boolean matches(ByteBuf content, int start) {
            for (int i = 0; i < NEEDLE_BYTES.length; i++) {
                if (content.getByte(start + i) != NEEDLE_BYTES[i]) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            open.completeExceptionally(cause);
            joined.completeExceptionally(cause);
            ctx.close();
        }
    }
}
