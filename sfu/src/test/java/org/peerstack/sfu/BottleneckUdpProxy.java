package org.peerstack.sfu;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bottleneck link for tests (this kernel has no netem): peers send to the proxy instead of the SFU;
 * datagrams towards the SFU leave at most at {@code bitsPerSecond} per peer, queued behind each other
 * (a FIFO link: the queue delay grows when a peer sends faster) and dropped when the queue would hold
 * more than {@code maxQueueMillis}. The way back is not limited. Records the queue delay of every
 * datagram. Each peer gets its own upstream socket, so the SFU still sees one address per peer. At most
 * {@link #MAX_PEERS} peers; all traffic stays on the test's namespace addresses.
 */
final class BottleneckUdpProxy implements AutoCloseable {

    static final int MAX_PEERS = 8;
    /** Queue delays kept for {@link #queueDelayPercentile}. */
    static final int MAX_SAMPLES = 100_000;

    private final DatagramSocket front;
    private final long bitsPerSecond;
    private final long maxQueueNanos;
    private volatile InetSocketAddress sfu;
    private final Map<SocketAddress, Link> links = new ConcurrentHashMap<>();
    private final DelayQueue<Queued> queue = new DelayQueue<>();
    private final long[] delays = new long[MAX_SAMPLES];
    private int samples;
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean closed;

    private record Link(DatagramSocket up, long[] busyUntil) {
    }

    private record Queued(DatagramSocket up, byte[] data, long releaseNanos, long queuedNanos) implements Delayed {
        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(releaseNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed o) {
            return Long.compare(releaseNanos, ((Queued) o).releaseNanos);
        }
    }

    BottleneckUdpProxy(String address, long bitsPerSecond, long maxQueueMillis) throws IOException {
        this.front = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(address), 0));
        this.bitsPerSecond = bitsPerSecond;
        this.maxQueueNanos = TimeUnit.MILLISECONDS.toNanos(maxQueueMillis);
        daemon(this::pumpFront, "bottleneck-front");
        daemon(this::pumpQueue, "bottleneck-link");
    }

    private static void daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
    }

    void forwardTo(InetSocketAddress target) {
        this.sfu = target;
    }

    int port() {
        return front.getLocalPort();
    }

    long dropped() {
        return dropped.get();
    }

    /** Forgets the recorded queue delays (start of a measuring window). */
    synchronized void resetDelays() {
        samples = 0;
    }

    /** The {@code p}-th percentile (0-100) of the queue delays recorded since the last reset, in ms. */
    synchronized double queueDelayPercentile(double p) {
        if (samples == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(delays, samples);
        Arrays.sort(sorted);
        return sorted[(int) Math.min(samples - 1, Math.floor(p / 100 * samples))] / 1e6;
    }

    private synchronized void record(long delayNanos) {
        if (samples < MAX_SAMPLES) {
            delays[samples++] = delayNanos;
        }
    }

    private void pumpFront() {
        byte[] buf = new byte[2048];
        while (!closed) {
            try {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                front.receive(p);
                SocketAddress peer = p.getSocketAddress();
                if (sfu == null) {
                    continue;
                }
                Link link = links.get(peer);
                if (link == null) {
                    if (links.size() >= MAX_PEERS) {
                        continue;
                    }
                    link = new Link(new DatagramSocket(new InetSocketAddress(front.getLocalAddress(), 0)), new long[1]);
                    links.put(peer, link);
                    Link l = link;
                    daemon(() -> pumpBack(l.up(), peer), "bottleneck-back");
                }
                long now = System.nanoTime();
                long start = Math.max(now, link.busyUntil()[0]);
                long release = start + p.getLength() * 8L * 1_000_000_000L / bitsPerSecond;
                if (release - now > maxQueueNanos) {
                    dropped.incrementAndGet();
                    continue;
                }
                link.busyUntil()[0] = release;
                queue.add(new Queued(link.up(), Arrays.copyOf(p.getData(), p.getLength()), release, now));
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    private void pumpQueue() {
        while (!closed) {
            try {
                Queued q = queue.poll(100, TimeUnit.MILLISECONDS);
                if (q == null || sfu == null) {
                    continue;
                }
                record(System.nanoTime() - q.queuedNanos());
                q.up().send(new DatagramPacket(q.data(), q.data().length, sfu));
            } catch (InterruptedException e) {
                return;
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    private void pumpBack(DatagramSocket up, SocketAddress peer) {
        byte[] buf = new byte[2048];
        while (!closed) {
            try {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                up.receive(p);
                front.send(new DatagramPacket(p.getData(), p.getLength(), peer));
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        front.close();
        links.values().forEach(l -> l.up().close());
    }
}
