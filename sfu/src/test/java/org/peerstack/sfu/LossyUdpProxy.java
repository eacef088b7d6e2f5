package org.peerstack.sfu;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A lossy UDP path for tests (this kernel has no netem): peers send to the proxy's address instead of the
 * SFU's; for each peer address the proxy opens its own upstream socket towards the SFU, so the SFU still
 * sees one address per peer. RTP/RTCP datagrams (first byte 128..191) are dropped at random with the
 * given probability in both directions; STUN and DTLS pass, so connection setup is not what is measured.
 * At most {@link #MAX_PEERS} peers; all traffic stays on the test's namespace addresses.
 */
final class LossyUdpProxy implements AutoCloseable {

    static final int MAX_PEERS = 16;

    private final DatagramSocket front;
    private volatile InetSocketAddress sfu;
    private final double loss;
    private final Random random = new Random(16);
    private final Map<SocketAddress, DatagramSocket> upstream = new ConcurrentHashMap<>();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong passed = new AtomicLong();
    private volatile boolean closed;

    /** A proxy on {@code address}; datagrams are dropped until {@link #forwardTo} names the SFU. */
    LossyUdpProxy(String address, double loss) throws SocketException, IOException {
        this.front = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(address), 0));
        this.loss = loss;
        Thread t = new Thread(this::pumpFront, "lossy-proxy-front");
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

    long passed() {
        return passed.get();
    }

    private boolean drop(byte[] data, int length) {
        int first = length > 0 ? data[0] & 0xff : 0;
        if (first < 128 || first > 191) {
            return false;
        }
        synchronized (random) {
            return random.nextDouble() < loss;
        }
    }

    private void pumpFront() {
        byte[] buf = new byte[2048];
        while (!closed) {
            try {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                front.receive(p);
                SocketAddress peer = p.getSocketAddress();
                InetSocketAddress target = sfu;
                if (target == null) {
                    continue;
                }
                DatagramSocket up = upstream.get(peer);
                if (up == null) {
                    if (upstream.size() >= MAX_PEERS) {
                        continue;
                    }
                    up = new DatagramSocket(new InetSocketAddress(front.getLocalAddress(), 0));
                    upstream.put(peer, up);
                    DatagramSocket socket = up;
                    Thread t = new Thread(() -> pumpBack(socket, peer), "lossy-proxy-back");
                    t.setDaemon(true);
                    t.start();
                }
                if (drop(p.getData(), p.getLength())) {
                    dropped.incrementAndGet();
                    continue;
                }
                passed.incrementAndGet();
                up.send(new DatagramPacket(p.getData(), p.getLength(), target));
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
                if (drop(p.getData(), p.getLength())) {
                    dropped.incrementAndGet();
                    continue;
                }
                passed.incrementAndGet();
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
        upstream.values().forEach(DatagramSocket::close);
    }
}
