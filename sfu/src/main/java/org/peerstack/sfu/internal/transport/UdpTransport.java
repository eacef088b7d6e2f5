package org.peerstack.sfu.internal.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SFU's one UDP socket, on Netty's epoll datagram transport when the platform has it (NIO
 * otherwise), served by one event loop thread: the media I/O thread.
 *
 * <p>Batched (the default): reads take up to {@link #READ_BATCH} datagrams per system call
 * ({@code recvmmsg}); writes are queued and flushed, which the epoll transport turns into one
 * {@code sendmmsg} per flush, when the handling of each received datagram ends (so one forwarded
 * packet's copies to every subscriber leave together, before the next received packet is handled),
 * whenever {@code writeBatch} datagrams are queued, and at the end of each read batch. A
 * {@code writeBatch} of 0 flushes only at the end of each read batch: fewest system calls, but the
 * first packet's copies wait until every packet of the batch has been handled. Unbatched: one
 * datagram per read and a flush after every write (one system call per datagram).
 *
 * <p>Every datagram is copied once into a reusable array owned by the I/O thread and handed to the
 * {@link Receiver}; the array is only valid during the call.
 */
public final class UdpTransport implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UdpTransport.class);
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** Largest datagram read. */
    public static final int MAX_DATAGRAM = 2048;
    /** Datagrams read per system call at most (epoll only). */
    public static final int READ_BATCH = 32;
    /** Most datagrams one {@code sendmmsg} takes (Linux UIO_MAXIOV): the largest useful write batch. */
    public static final int MAX_WRITE_BATCH = 1024;

    /** Gets each datagram on the I/O thread. */
    public interface Receiver {
        /** {@code data[0, length)} came from {@code sender}. Must not throw; must not keep {@code data}. */
        void onDatagram(byte[] data, int length, InetSocketAddress sender);

        /** The current read batch ended: queued writes are flushed right after this call. */
        void onBatchEnd();
    }

    private final EventLoopGroup group;
    private final boolean epoll;
    private final boolean batched;
    private final int writeBatch;
    private final Receiver receiver;
    /** Set once by {@link #bind}, before anyone holds this transport to write with. */
    private volatile Channel channel;
    /** Datagrams written since the last flush; I/O thread only. */
    private int queued;
    /** Flushes that had queued datagrams (one {@code sendmmsg} each on epoll); written on the I/O thread. */
    private volatile long writeBatches;
    /** When the datagram being handled was read (0 outside its handling); I/O thread only. */
    private long receivedNanos;
    /** The I/O thread's CPU clock then (-1: not measured, without batched writes); I/O thread only. */
    private long receivedCpuNanos = -1;
    private final SendDelay sendDelay = new SendDelay();

    private UdpTransport(EventLoopGroup group, boolean epoll, boolean batched, int writeBatch, Receiver receiver) {
        this.group = group;
        this.epoll = epoll;
        this.batched = batched;
        this.writeBatch = writeBatch;
        this.receiver = receiver;
    }

    /**
     * Binds {@code address} (port 0 for any free port) and starts reading into {@code receiver}. Without
     * {@code batched}, every datagram is read and written by its own system call (for measurements).
     * With it, {@code writeBatch} (0..{@link #MAX_WRITE_BATCH}) is the most datagrams queued before a
     * flush, and 0 flushes only at the end of each read batch (see the class comment).
     */
    public static UdpTransport bind(InetSocketAddress address, Receiver receiver, int socketBufferBytes, boolean batched,
            int writeBatch) throws InterruptedException {
        if (writeBatch < 0 || writeBatch > MAX_WRITE_BATCH) {
            throw new IllegalArgumentException("writeBatch must be 0.." + MAX_WRITE_BATCH + ": " + writeBatch);
        }
        boolean epoll = Epoll.isAvailable();
        DefaultThreadFactory threads = new DefaultThreadFactory("peerstack-sfu-io", true);
        EventLoopGroup group = epoll ? new EpollEventLoopGroup(1, threads) : new NioEventLoopGroup(1, threads);
        UdpTransport transport = new UdpTransport(group, epoll, batched, writeBatch, receiver);
        Bootstrap b = new Bootstrap().group(group)
                .channel(epoll ? EpollDatagramChannel.class : NioDatagramChannel.class)
                .option(ChannelOption.SO_RCVBUF, socketBufferBytes)
                .option(ChannelOption.SO_SNDBUF, socketBufferBytes)
                .handler(transport.new Handler());
        if (epoll && batched) {
            b.option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, MAX_DATAGRAM)
                    .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_DATAGRAM * READ_BATCH));
        } else {
            b.option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_DATAGRAM));
        }
        try {
            transport.channel = b.bind(address).sync().channel();
            LOG.info("SFU media socket bound to {} ({}, {})", transport.channel.localAddress(), epoll ? "epoll" : "nio",
                    !batched ? "one system call per datagram" : writeBatch == 0 ? "writes flushed per read batch"
                            : "writes flushed per received datagram or every " + writeBatch);
            return transport;
        } catch (InterruptedException | RuntimeException e) {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw e;
        }
    }

    /** The bound address (with the real port when 0 was asked). */
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    /** The media I/O thread's event loop: every SFU state change runs on it. */
    public EventLoop eventLoop() {
        return channel.eventLoop();
    }

    public boolean isEpoll() {
        return epoll;
    }

    /**
     * Queues {@code data[offset, offset + length)} to {@code to}; sent by the next flush (see the class
     * comment), at once when unbatched. I/O thread only.
     */
    public void write(byte[] data, int offset, int length, InetSocketAddress to) {
        ByteBuf buf = channel.alloc().directBuffer(length);
        buf.writeBytes(data, offset, length);
        if (batched) {
            channel.write(new DatagramPacket(buf, to), channel.voidPromise());
            sendDelay.queued(receivedNanos, receivedCpuNanos);
            if (++queued >= writeBatch && writeBatch > 0) {
                flush();
            }
        } else {
            channel.writeAndFlush(new DatagramPacket(buf, to), channel.voidPromise());
            if (receivedNanos != 0) {
                // wall clock only: a CPU clock read per datagram would add to what batching is compared with
                sendDelay.queued(receivedNanos, -1);
                sendDelay.sent(System.nanoTime(), -1);
            }
        }
    }

    /** Sends at once; any thread. */
    public void sendNow(byte[] data, InetSocketAddress to) {
        ByteBuf buf = channel.alloc().directBuffer(data.length);
        buf.writeBytes(data);
        channel.writeAndFlush(new DatagramPacket(buf, to), channel.voidPromise());
    }

    /** Flushes queued writes. I/O thread only. */
    public void flush() {
        if (queued > 0) {
            queued = 0;
            writeBatches++;
        }
        channel.flush();
        if (sendDelay.pending()) {
            sendDelay.sent(System.nanoTime(), THREADS.getCurrentThreadCpuTime());
        }
    }

    /** The delay added to datagrams written in answer to received ones (see {@link SendDelay}). I/O thread only. */
    public SendDelay sendDelay() {
        return sendDelay;
    }

    /** Batches of queued writes flushed so far (batched I/O; each one {@code sendmmsg} on epoll). Any thread. */
    public long writeBatches() {
        return writeBatches;
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    /**
     * Copies each datagram into the loop's scratch array and hands it on; flushes what its handling wrote
     * (batched with a write batch above 0) and what the read batch left queued.
     */
    private final class Handler extends SimpleChannelInboundHandler<DatagramPacket> {

        private final byte[] scratch = new byte[MAX_DATAGRAM + 64];

        Handler() {
            super(true);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            ByteBuf content = packet.content();
            int n = content.readableBytes();
            if (n == 0 || n > MAX_DATAGRAM) {
                return;
            }
            content.getBytes(content.readerIndex(), scratch, 0, n);
            receivedNanos = System.nanoTime();
            receivedCpuNanos = batched ? THREADS.getCurrentThreadCpuTime() : -1;
            try {
                receiver.onDatagram(scratch, n, packet.sender());
            } catch (RuntimeException e) {
                LOG.warn("SFU packet handling failed (packet dropped)", e);
            }
            if (writeBatch > 0 && queued > 0) {
                flush();
            }
            receivedNanos = 0;
            receivedCpuNanos = -1;
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            try {
                receiver.onBatchEnd();
            } catch (RuntimeException e) {
                LOG.warn("SFU batch handling failed", e);
            }
            flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.debug("SFU socket error (ignored): {}", cause.toString());
        }
    }
}
