package org.peerstack.sfu.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.peerstack.exc.TypeException;
import org.peerstack.sfu.SfuConfig;

/**
 * The media socket's write batching on real loopback sockets: a receiver that fans every received
 * datagram out as {@link #COPIES} copies, as the SFU does for a forwarded packet, and a sink socket that
 * must get every copy intact.
 */
class UdpTransportTest {

    private static final int COPIES = 10;
    private static final int SENT = 5;

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    @Test
    void copiesOfEachReceivedDatagramAreFlushedWhenItsHandlingEndsInSlicesOfTheWriteBatch() throws Exception {
        Fixture f = fixture(true, 4);
        f.sendAndReceiveAll();
        // per received datagram: 4 + 4 + 2 copies, whatever the read batches were
        assertThat(f.transport.writeBatches()).isEqualTo(SENT * 3);
    }

    @Test
    void aWriteBatchAsLargeAsTheFanOutSendsOneBatchPerReceivedDatagram() throws Exception {
        Fixture f = fixture(true, UdpTransport.MAX_WRITE_BATCH);
        f.sendAndReceiveAll();
        assertThat(f.transport.writeBatches()).isEqualTo(SENT);
    }

    @Test
    void writeBatchZeroFlushesOnlyAtTheEndOfEachReadBatch() throws Exception {
        Fixture f = fixture(true, 0);
        f.sendAndReceiveAll();
        // one batch per read batch: at most one per received datagram, fewer when reads were batched
        assertThat(f.transport.writeBatches()).isBetween(1L, (long) SENT);
    }

    @Test
    void unbatchedWritesEachDatagramAtOnce() throws Exception {
        Fixture f = fixture(false, SfuConfig.DEFAULT_WRITE_BATCH);
        f.sendAndReceiveAll();
        assertThat(f.transport.writeBatches()).isZero();
    }

    @Test
    void writeBatchOutOfRangeIsRefused() {
        assertThatThrownBy(() -> UdpTransport.bind(new InetSocketAddress("127.0.0.1", 0), null, 1 << 20, true,
                UdpTransport.MAX_WRITE_BATCH + 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SfuConfig.newBuilder().writeBatch(-1).build())
                .isInstanceOf(TypeException.class).hasMessageContaining("writeBatch");
        assertThat(SfuConfig.newBuilder().build().writeBatch()).isEqualTo(SfuConfig.DEFAULT_WRITE_BATCH);
        assertThat(SfuConfig.newBuilder().writeBatch(0).build().writeBatch()).isZero();
    }

    private Fixture fixture(boolean batched, int writeBatch) throws Exception {
        DatagramSocket sink = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        sink.setSoTimeout(5_000);
        open.add(sink);
        AtomicReference<UdpTransport> self = new AtomicReference<>();
        AtomicInteger received = new AtomicInteger();
        UdpTransport.Receiver fanOut = new UdpTransport.Receiver() {
            @Override
            public void onDatagram(byte[] data, int length, InetSocketAddress sender) {
                received.incrementAndGet();
                for (int i = 0; i < COPIES; i++) {
                    data[length] = (byte) i; // the copy's number after the payload
                    self.get().write(data, 0, length + 1, (InetSocketAddress) sink.getLocalSocketAddress());
                }
            }

            @Override
            public void onBatchEnd() {
            }
        };
        UdpTransport transport = UdpTransport.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), fanOut,
                1 << 20, batched, writeBatch);
        self.set(transport);
        open.add(0, transport);
        DatagramSocket source = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        open.add(source);
        return new Fixture(transport, source, sink, received);
    }

    private record Fixture(UdpTransport transport, DatagramSocket source, DatagramSocket sink, AtomicInteger received) {

        /** Sends {@link #SENT} datagrams at once and checks that every copy of each arrives intact. */
        void sendAndReceiveAll() throws Exception {
            for (int i = 0; i < SENT; i++) {
                byte[] payload = {(byte) 0x80, (byte) i, 7, 7, 7};
                source.send(new DatagramPacket(payload, payload.length, transport.localAddress()));
            }
            boolean[][] seen = new boolean[SENT][COPIES];
            byte[] buffer = new byte[64];
            for (int n = 0; n < SENT * COPIES; n++) {
                DatagramPacket p = new DatagramPacket(buffer, buffer.length);
                try {
                    sink.receive(p);
                } catch (SocketTimeoutException e) {
                    throw new AssertionError("only " + n + " of " + SENT * COPIES + " copies arrived", e);
                }
                assertThat(p.getLength()).isEqualTo(6);
                assertThat(buffer[0]).isEqualTo((byte) 0x80);
                assertThat(buffer[2]).isEqualTo((byte) 7);
                seen[buffer[1]][buffer[5]] = true;
            }
            for (boolean[] copies : seen) {
                assertThat(copies).containsOnly(true);
            }
            assertThat(received.get()).isEqualTo(SENT);
            // every copy's added delay was measured, and it is positive
            double[] delay = transport.eventLoop().submit(() -> new double[] {transport.sendDelay().count(),
                    transport.sendDelay().percentileMillis(99)}).get(5, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(delay[0]).isEqualTo(SENT * COPIES);
            assertThat(delay[1]).isPositive();
        }
    }
}
