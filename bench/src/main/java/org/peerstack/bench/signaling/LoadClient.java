package org.peerstack.bench.signaling;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollSocketChannel;
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
 * Against the echo server each connection sends to itself. Frames are written and parsed by
 * {@link RawWebSocket} rather than Netty's WebSocket codec: the generator shares the machine with the
 * server it measures, and the codec path cost this thread ~0.7 of a core at 100,000 messages/s
 * against ~0.5 now (BENCHMARKS.md).
 */
final class LoadClient implements AutoCloseable {

    static final String CANDIDATE = "candidate:842163049 1 udp 1677729535 192.0.2.10 61482 typ srflx raddr 0.0.0.0"
            + " rport 0 generation 0 ufrag sK2f network-cost 999";
    private static final byte[] NEEDLE_BYTES = "\"usernameFragment\":\"t".getBytes(StandardCharsets.US_ASCII);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EventLoopGroup group = new EpollEventLoopGroup(1);
    /** The servers' endpoints; connection i goes to {@code uris[i % uris.length]}. */
    private final URI[] uris;
    private final boolean echo;
    private final List<Conn> conns = new ArrayList<>();
    /** Connections opened so far (picks the next one's server). */
    private int opened;

    // Written by the event loop only.
    private volatile long received;
    private volatile boolean bounce;
    private volatile long offered;
    /** Most messages one open-loop tick had to send (1 ms worth is normal; more means the client thread lagged). */
    volatile long maxDue;
    private boolean recording;
    private long[] samples = new long[0];
    private int sampleCount;
    /** Messages received while recording that carried no send time (e.g. a server's error reply). */
    private volatile long unstamped;

    LoadClient(int port, boolean echo) {
        this(new int[] {port}, echo);
    }

    /**
     * Connections alternate between {@code ports} (several nodes of one cluster): with rooms of 2 every
     * room then has one member on each of two nodes.
     */
    LoadClient(int[] ports, boolean echo) {
        this.uris = new URI[ports.length];
        for (int i = 0; i < ports.length; i++) {
            uris[i] = URI.create("ws://127.0.0.1:" + ports[i] + BaselineServers.PATH);
        }
        this.echo = echo;
    }

    /** System property: rooms from every Nth connection (see {@link #connect}). */
    static final String LANES_PROPERTY = "bench.lanes";

    /**
     * Opens {@code count} connections ({@code parallel} handshakes at a time) and joins rooms of
     * consecutive connections. With {@value #LANES_PROPERTY}=N (an experiment, not the benchmark's load)
     * the connections are opened one at a time and a room takes every Nth connection: Netty hands
     * accepted connections to a server's N event loops in turn, so every room's members then share one
     * event loop and no relay crosses loops.
     */
    void connect(int count, int[] roomSizes, int parallel) throws Exception {
        int lanes = Integer.getInteger(LANES_PROPERTY, 1);
        List<List<Conn>> rooms = new ArrayList<>();
        int[] sizeIndex = new int[lanes];
        int[] roomNumber = new int[lanes];
        for (int l = 0; l < lanes; l++) {
            rooms.add(new ArrayList<>());
            roomNumber[l] = conns.size() + 1_000_000 + l * 100_000;
        }
        int index = 0;
        for (int start = 0; start < count; start += parallel) {
            List<Conn> batch = new ArrayList<>();
            for (int i = start; i < Math.min(count, start + parallel); i++) {
                Conn conn = open(uris[opened++ % uris.length]);
                batch.add(conn);
                if (lanes > 1) {
                    conn.open.get(60, TimeUnit.SECONDS); // accept order = room order
                }
            }
            for (Conn conn : batch) {
                conn.open.get(60, TimeUnit.SECONDS);
            }
            for (Conn conn : batch) {
                int l = index++ % lanes;
                List<Conn> room = rooms.get(l);
                if (!echo) {
                    conn.channel.writeAndFlush(conn.text(conn.channel.alloc(), "{\"type\":\"join\",\"room\":\"r" + roomNumber[l] + "\"}"));
                }
                room.add(conn);
                if (room.size() == roomSizes[sizeIndex[l] % roomSizes.length]) {
                    seal(room);
                    rooms.set(l, new ArrayList<>());
                    sizeIndex[l]++;
                    roomNumber[l]++;
                }
            }
            for (Conn conn : batch) {
                conn.joined.get(60, TimeUnit.SECONDS);
            }
            conns.addAll(batch);
        }
        for (List<Conn> room : rooms) {
            if (!room.isEmpty()) {
                seal(room);
            }
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

    private Conn open(URI uri) {
        Conn conn = new Conn(uri);
        new Bootstrap().group(group).channel(EpollSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(conn)
                .connect(uri.getHost(), uri.getPort()).addListener((ChannelFuture f) -> {
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
                ByteBuf out = conn.channel.alloc().buffer(inFlight * conn.frameBytes);
                for (int i = 0; i < inFlight; i++) {
                    conn.sendToRandomPeer(out);
                }
                conn.channel.writeAndFlush(out, conn.channel.voidPromise());
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
     * connection, taking the connections in turn, each batch in one buffer and one {@code write}: one
     * system call per batch instead of one per message, which is what lets a single client thread
     * offer 100,000 messages/s. Each message carries its own send time.
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
                int n = (int) Math.min(batch, due - done);
                ByteBuf out = conn.channel.alloc().buffer(n * conn.frameBytes);
                for (int i = 0; i < n; i++) {
                    conn.sendToRandomPeer(out);
                }
                conn.channel.writeAndFlush(out, conn.channel.voidPromise());
                done += n;
            }
            sent[0] += done;
            offered = sent[0];
            maxDue = Math.max(maxDue, due);
        }, 1, 1, TimeUnit.MILLISECONDS);
    }

    /** Messages received while recording without a send time; a correct run has none. */
    long unstamped() {
        return unstamped;
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
    final class Conn extends RawWebSocket {
        final CompletableFuture<Void> open = new CompletableFuture<>();
        final CompletableFuture<String> joined = new CompletableFuture<>();
        Channel channel;
        Conn[] room;
        /** One pre-masked frame template per target; a message is a template plus its masked send time. */
        byte[][] templates;
        /** Payload bytes in each template (the send time's mask offset). */
        int[] prefixBytes;
        /** Longest message to any target, for sizing buffers. */
        int frameBytes;
        private ByteBuf pending;

        Conn(URI uri) {
            super(uri.getHost() + ":" + uri.getPort(), uri.getPath());
        }

        void prepare(boolean toSelf) throws Exception {
            Conn[] targets = toSelf ? new Conn[] {this} : others();
            templates = new byte[targets.length][];
            prefixBytes = new int[targets.length];
            for (int i = 0; i < targets.length; i++) {
                String to = toSelf ? "self" : targets[i].joined.get();
                byte[] prefix = ("{\"type\":\"candidate\",\"to\":\"" + to + "\",\"candidate\":\"" + CANDIDATE
                        + "\",\"sdpMid\":\"0\",\"sdpMLineIndex\":0,\"usernameFragment\":\"t")
                        .getBytes(StandardCharsets.US_ASCII);
                templates[i] = template(0x1, prefix, TIME_DIGITS + 2);
                prefixBytes[i] = prefix.length;
                frameBytes = Math.max(frameBytes, templates[i].length + TIME_DIGITS + 2);
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

        /** Appends one message to {@code out}, stamped with the current time. */
        void sendToRandomPeer(ByteBuf out) {
            int target = templates.length == 1 ? 0 : ThreadLocalRandom.current().nextInt(templates.length);
            out.writeBytes(templates[target]);
            writeMaskedTail(out, prefixBytes[target], System.nanoTime());
        }

        @Override
        protected void onOpen(ChannelHandlerContext ctx) {
            channel = ctx.channel();
            open.complete(null);
            if (echo) {
                joined.complete("self");
            }
        }

        @Override
        protected void onText(ChannelHandlerContext ctx, ByteBuf in, int from, int length) {
            if (!joined.isDone()) {
                try {
                    joined.complete(JSON.readTree(in.toString(from, length, StandardCharsets.UTF_8)).path("id").asText());
                } catch (Exception e) {
                    joined.completeExceptionally(e);
                }
                return;
            }
            received++;
            if (recording) {
                int at = timestampAt(in, from, from + length);
                if (at >= 0) {
                    long sentAt = 0;
                    for (int i = at; i < from + length; i++) {
                        byte b = in.getByte(i);
                        if (b < '0' || b > '9') {
                            break;
                        }
                        sentAt = sentAt * 10 + (b - '0');
                    }
                    if (sampleCount < samples.length) {
                        samples[sampleCount++] = System.nanoTime() - sentAt;
                    }
                } else {
                    unstamped++;
                }
            }
            if (bounce) {
                if (pending == null) {
                    pending = ctx.alloc().buffer(16 * frameBytes);
                }
                sendToRandomPeer(pending);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
            if (pending != null) {
                ctx.writeAndFlush(pending, ctx.voidPromise());
                pending = null;
            }
            super.channelReadComplete(ctx);
        }

        /**
         * Where the send time's digits start, or -1. Fast path: every server keeps
         * {@code usernameFragment} last, so the needle sits just before the payload's last
         * {@code TIME_DIGITS + 2} bytes. Otherwise the needle is found through its only capital letter
         * with Netty's byte search; a generic substring search ({@code ByteBufUtil.indexOf}) for every
         * received message was ~20 % of this thread's time while recording (perf, run 5).
         */
        private int timestampAt(ByteBuf in, int from, int end) {
            int digits = end - TIME_DIGITS - 2;
            if (digits - NEEDLE_BYTES.length >= from && matches(in, digits - NEEDLE_BYTES.length)) {
                return digits;
            }
            int fOffset = 9; // index of 'F' in "usernameFragment":"t  (the quote is at 0)
            int search = from;
            while (true) {
                int f = in.indexOf(search, end, (byte) 'F');
                if (f < 0) {
                    return -1;
                }
                int start = f - fOffset;
                if (start >= from && start + NEEDLE_BYTES.length <= end && matches(in, start)) {
                    return start + NEEDLE_BYTES.length;
                }
                search = f + 1;
            }
        }

        private boolean matches(ByteBuf in, int start) {
            for (int i = 0; i < NEEDLE_BYTES.length; i++) {
                if (in.getByte(start + i) != NEEDLE_BYTES[i]) {
                    return false;
                }
            }
            return true;
        }

        @Override
        protected void onFailure(ChannelHandlerContext ctx, Exception cause) {
            open.completeExceptionally(cause);
            joined.completeExceptionally(cause);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            open.completeExceptionally(cause);
            joined.completeExceptionally(cause);
            ctx.close();
        }
    }
}
