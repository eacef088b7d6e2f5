package org.peerstack.bench.sfu;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.TimeUnit;
import org.peerstack.sfu.SfuConfig;
import org.peerstack.sfu.SfuCounter;
import org.peerstack.sfu.SfuRoom;
import org.peerstack.sfu.SfuServer;
import org.peerstack.sfu.SfuSubscriber;

/** peerstack's SFU as the fan-out target; CPU is its media I/O thread's. */
public final class SfuTarget implements FanoutTarget {

    private final SfuServer sfu;
    private final SfuRoom room;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    private final boolean batched;

    public SfuTarget(String address, boolean batched) {
        this.batched = batched;
        sfu = SfuServer.start(SfuConfig.newBuilder().bindAddress(address).port(0).announcedAddress(address)
                .maxPeers(5_000).dtlsThreads(2).batchedIo(batched).build());
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
        return "peerstack SFU (" + (sfu.isEpoll() ? "epoll" : "nio") + (batched ? ", batched I/O" : ", one system call per datagram")
                + "), " + sfu.metrics();
    }
}
