package org.peerstack.bench.sfu;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Field;
import java.util.concurrent.TimeUnit;
import org.peerstack.sfu.SfuConfig;
import org.peerstack.sfu.SfuCounter;
import org.peerstack.sfu.SfuRoom;
import org.peerstack.sfu.SfuServer;
import org.peerstack.sfu.SfuSubscriber;
import org.peerstack.sfu.internal.transport.SendDelay;
import org.peerstack.sfu.internal.transport.UdpTransport;

/** peerstack's SFU as the fan-out target; CPU is its media I/O thread's. */
public final class SfuTarget implements FanoutTarget {

    private final SfuServer sfu;
    private final SfuRoom room;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    private final boolean batched;
    private final int writeBatch;

    /** The SFU with batched I/O ({@code writeBatch} as {@link SfuConfig#writeBatch()}) or without. */
    public SfuTarget(String address, boolean batched, int writeBatch) {
        this.batched = batched;
        this.writeBatch = writeBatch;
        sfu = SfuServer.start(SfuConfig.newBuilder().bindAddress(address).port(0).announcedAddress(address)
                .maxPeers(5_000).dtlsThreads(2).batchedIo(batched).writeBatch(writeBatch).build());
        room = sfu.room("fanout");
    }

    public SfuServer server() {
        return sfu;
    }

    @Override
    public String publish(String offer) throws Exception {
        return room.publish(offer).get(10, TimeUnit.SECONDS).answer();
    }

    @Override
    public Subscription subscribe() throws Exception {
        SfuSubscriber s = room.subscribe().get(10, TimeUnit.SECONDS);
        return new Subscription() {
            @Override
            public String offer() throws Exception {
                return s.createOffer().get(10, TimeUnit.SECONDS);
            }

            @Override
            public void answer(String sdp) throws Exception {
                s.setAnswer(sdp).get(10, TimeUnit.SECONDS);
            }

            @Override
            public void close() {
                s.close();
            }
        };
    }

    @Override
    public long cpuNanos() {
        long sum = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("peerstack-sfu-io")) {
                sum += Math.max(0, threads.getThreadCpuTime(t.getId()));
            }
        }
        return sum;
    }

    /**
     * The SFU's media socket, reached by reflection (SfuServer.engine, MediaEngine.transport): the
     * benchmark reads its {@link SendDelay} probe, which the public API does not expose.
     */
    private UdpTransport transport() throws ReflectiveOperationException {
        Field engine = SfuServer.class.getDeclaredField("engine");
        engine.setAccessible(true);
        Object e = engine.get(sfu);
        Field transport = e.getClass().getDeclaredField("transport");
        transport.setAccessible(true);
        return (UdpTransport) transport.get(e);
    }

    /** How many datagrams each flushed write batch (one sendmmsg) carried on average, for batched I/O. */
    private String writeBatches() {
        try {
            long batches = transport().writeBatches();
            long out = sfu.metrics().get(SfuCounter.DATAGRAMS_OUT);
            return batches == 0 ? "" : String.format("%d write batches, %.1f datagrams each, ", batches, (double) out / batches);
        } catch (ReflectiveOperationException e) {
            return "";
        }
    }

    @Override
    public void resetOwnDelay() throws Exception {
        UdpTransport t = transport();
        t.eventLoop().submit(() -> t.sendDelay().reset()).get(10, TimeUnit.SECONDS);
    }

    @Override
    public double[] ownDelayMillis() throws Exception {
        UdpTransport t = transport();
        SendDelay d = t.sendDelay();
        return t.eventLoop().submit(() -> new double[] {d.percentileMillis(50), d.percentileMillis(99),
                d.cpuPercentileMillis(50), d.cpuPercentileMillis(99)}).get(10, TimeUnit.SECONDS);
    }

    @Override
    public long forwarded() {
        return sfu.metrics().get(SfuCounter.RTP_FORWARDED);
    }

    @Override
    public int absSendTimeId() {
        return 3;
    }

    @Override
    public void close() {
        sfu.close();
    }

    @Override
    public String toString() {
        return "peerstack SFU (" + (sfu.isEpoll() ? "epoll" : "nio") + (!batched ? ", one system call per datagram"
                : writeBatch == 0 ? ", batched I/O, writes flushed per read batch"
                : ", batched I/O, writes flushed per received packet and every " + writeBatch)
                + "), " + writeBatches() + sfu.metrics();
    }
}
