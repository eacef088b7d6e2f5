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
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SFU's one UDP socket, on Netty's epoll datagram transport when the platform has it (NIO
 * otherwise), served by one event loop thread: the media I/O thread. Reads are batched
 * ({@code recvmmsg}, up to {@link #READ_BATCH} datagrams per system call); writes are queued during a
 * read batch and flushed once at its end, which the epoll transport turns into one {@code sendmmsg}.
 *
 * <p>Every datagram is copied once into a reusable array owned by the I/O thread and handed to the
 * {@link Receiver}; the array is only valid during the call.
 */
public final class UdpTransport implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UdpTransport.class);

    /** Largest datagram read. */
    public static final int MAX_DATAGRAM = 2048;
    /** Datagrams read per system call at most (epoll only). */
    public static final int READ_BATCH = 32;

    /** Gets each datagram on the I/O thread. */
    public interface Receiver {
        /** {@code data[0, length)} came from {@code sender}. Must not throw; must not keep {@code data}. */
        void onDatagram(byte[] data, int length, InetSocketAddress sender);

        /** The current read batch ended: queued writes are flushed right after this call. */
        void onBatchEnd();
    }

    private final EventLoopGroup group;
    private final Channel channel;
    private final boolean epoll;
    private final boolean batched;

    private UdpTransport(EventLoopGroup group, Channel channel, boolean epoll, boolean batched) {
        this.group = group;
        this.channel = channel;
        this.epoll = epoll;
        this.batched = batched;
    }

    /**
     * Binds {@code address} (port 0 for any free port) and starts reading into {@code receiver}. Without
     * {@code batched}, every datagram is read and written by its own system call (for measurements).
     */
    public static UdpTransport bind(InetSocketAddress address, Receiver receiver, int socketBufferBytes, boolean batched)
            throws InterruptedException {
        boolean epoll = Epoll.isAvailable();
        DefaultThreadFactory threads = new DefaultThreadFactory("peerstack-sfu-io", true);
        EventLoopGroup group = epoll ? new EpollEventLoopGroup(1, threads) : new NioEventLoopGroup(1, threads);
        Bootstrap b = new Bootstrap().group(group)
                .channel(epoll ? EpollDatagramChannel.class : NioDatagramChannel.class)
                .option(ChannelOption.SO_RCVBUF, socketBufferBytes)
                .option(ChannelOption.SO_SNDBUF, socketBufferBytes)
                .handler(new Handler(receiver));
        if (epoll && batched) {
            b.option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, MAX_DATAGRAM)
                    .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_DATAGRAM * READ_BATCH));
        } else {
            b.option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_DATAGRAM));
        }
        try {
            Channel ch = b.bind(address).sync().channel();
            LOG.info("SFU media socket bound to {} ({})", ch.localAddress(), epoll ? "epoll" : "nio");
            return new UdpTransport(group, ch, epoll, batched);
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

    /** Queues {@code data[0, length)} to {@code to}; flushed at the end of the batch or by {@link #flush}. I/O thread only. */
    public void write(byte[] data, int offset, int length, InetSocketAddress to) {
        ByteBuf buf = channel.alloc().directBuffer(length);
        buf.writeBytes(data, offset, length);
        if (batched) {
            channel.write(new DatagramPacket(buf, to), channel.voidPromise());
        } else {
            channel.writeAndFlush(new DatagramPacket(buf, to), channel.voidPromise());
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
        channel.flush();
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    /** Copies each datagram into the loop's scratch array and hands it on; flushes after each read batch. */
    private static final class Handler extends SimpleChannelInboundHandler<DatagramPacket> {

        private final Receiver receiver;
        private final byte[] scratch = new byte[MAX_DATAGRAM + 64];

        Handler(Receiver receiver) {
            super(true);
            this.receiver = receiver;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            ByteBuf content = packet.content();
            int n = content.readableBytes();
            if (n == 0 || n > MAX_DATAGRAM) {
                return;
            }
            content.getBytes(content.readerIndex(), scratch, 0, n);
            try {
                receiver.onDatagram(scratch, n, packet.sender());
            } catch (RuntimeException e) {
                LOG.warn("SFU packet handling failed (packet dropped)", e);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            try {
                receiver.onBatchEnd();
            } catch (RuntimeException e) {
                LOG.warn("SFU batch handling failed", e);
            }
            ctx.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.debug("SFU socket error (ignored): {}", cause.toString());
        }
    }
}
