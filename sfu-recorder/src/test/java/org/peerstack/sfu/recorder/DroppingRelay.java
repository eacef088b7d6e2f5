package org.peerstack.sfu.recorder;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A UDP relay between a receiving peer and the SFU on the namespace's address: datagrams from the peer go
 * to the SFU unchanged; SRTP media from the SFU to the peer is dropped at random ({@code loss}) and, on
 * request, in one burst of consecutive packets. STUN, DTLS and RTCP always pass. Its port replaces the
 * SFU's in the offer's candidate.
 */
final class DroppingRelay implements AutoCloseable {

    private final DatagramSocket socket;
    private final InetSocketAddress sfu;
    private final double loss;
    private final Random random = new Random(17);
    private final Thread thread;
    private volatile InetSocketAddress peer;
    final AtomicInteger burst = new AtomicInteger();
    final AtomicLong dropped = new AtomicLong();

    DroppingRelay(String address, InetSocketAddress sfu, double loss) throws SocketException {
        this.socket = new DatagramSocket(new InetSocketAddress(address, 0));
        this.sfu = sfu;
        this.loss = loss;
        this.thread = new Thread(this::run, "dropping-relay");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    /** The offer with the SFU's candidate port replaced by the relay's. */
    String rewrite(String offer) {
        return offer.replace(" " + sfu.getPort() + " typ host", " " + port() + " typ host");
    }

    private void run() {
        byte[] buf = new byte[2048];
        while (!socket.isClosed()) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
                InetSocketAddress from = (InetSocketAddress) p.getSocketAddress();
                if (from.equals(sfu)) {
                    InetSocketAddress to = peer;
                    int first = buf[0] & 0xff;
                    int type = p.getLength() > 1 ? buf[1] & 0xff : 0;
                    boolean rtp = first >= 128 && first <= 191 && !(type >= 192 && type <= 223);
                    if (to == null || rtp && (burst.get() > 0 && burst.decrementAndGet() >= 0 || random.nextDouble() < loss)) {
                        dropped.incrementAndGet();
                        continue;
                    }
                    socket.send(new DatagramPacket(buf, p.getLength(), to));
                } else {
                    peer = from;
                    socket.send(new DatagramPacket(buf, p.getLength(), sfu));
                }
            } catch (IOException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        thread.join(2_000);
    }
}
