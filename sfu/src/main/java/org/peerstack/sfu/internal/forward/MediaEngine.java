package org.peerstack.sfu.internal.forward;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.peerstack.exc.InvalidStateException;
import org.peerstack.exc.OperationException;
import org.peerstack.exc.TypeException;
import org.peerstack.sfu.SfuConfig;
import org.peerstack.sfu.SfuCounter;
import org.peerstack.sfu.SfuMetrics;
import org.peerstack.sfu.internal.dtls.DtlsCertificate;
import org.peerstack.sfu.internal.dtls.SrtpProfile;
import org.peerstack.sfu.internal.packet.StunMessage;
import org.peerstack.sfu.internal.packet.StunWriter;
import org.peerstack.sfu.internal.srtp.SrtpSession;
import org.peerstack.sfu.internal.transport.UdpTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The media plane's core, confined to the media I/O thread: it demultiplexes each datagram (RFC 7983:
 * STUN, DTLS, SRTP/SRTCP) to a {@link PeerTransport} (STUN by USERNAME, the rest by remote address),
 * runs the periodic work (NACKs, receiver reports, REMB, transport-wide CC feedback, consent checks)
 * every {@link #TICK_MILLIS},
 * and owns the scratch arrays that outgoing packets are built in. State changes from other threads go
 * through {@link #call}/{@link #execute}.
 */
public final class MediaEngine implements UdpTransport.Receiver, AutoCloseable {

    /** Period of the timer that sends NACKs and checks consent. */
    public static final int TICK_MILLIS = 20;
    /** Period of receiver reports and REMB to publishers. */
    public static final int REPORT_MILLIS = 1000;

    private static final Logger LOG = LoggerFactory.getLogger("org.peerstack.sfu");

    private final SfuConfig config;
    private final SfuMetrics metrics = new SfuMetrics();
    private final SecureRandom random = new SecureRandom();
    private final DtlsCertificate certificate;
    private final List<SrtpProfile> srtpProfiles;
    private final ExecutorService dtlsExecutor;
    private final Map<String, PeerTransport> byUfrag = new HashMap<>();
    private final Map<InetSocketAddress, PeerTransport> byAddress = new HashMap<>();
    private final List<Ticking> ticking = new ArrayList<>();
    private final List<PeerTransport> transportCc = new ArrayList<>();
    private final byte[] stunOut = new byte[StunWriter.MAX_LENGTH];
    private final byte[] packetOut = new byte[UdpTransport.MAX_DATAGRAM + SrtpSession.MAX_TRAILER + 64];
    private final List<String> announced;
    private final UdpTransport transport;
    private final ScheduledFuture<?> tick;
    private long lastReportNanos;
    private volatile boolean closed;

    /** Periodic work of a session, on the I/O thread. */
    interface Ticking {
        /** Every tick; {@code report} is true once per {@link #REPORT_MILLIS}. */
        void tick(long nowNanos, boolean report);
    }

    private MediaEngine(SfuConfig config) throws InterruptedException {
        this.config = config;
        this.certificate = DtlsCertificate.generate(random);
        this.srtpProfiles = config.srtpProfiles().stream().map(SrtpProfile::valueOf).toList();
        this.dtlsExecutor = new ThreadPoolExecutor(config.dtlsThreads(), config.dtlsThreads(), 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), new DefaultThreadFactory("peerstack-sfu-dtls", true));
        InetSocketAddress bind;
        try {
            bind = new InetSocketAddress(InetAddress.getByName(config.bindAddress()), config.port());
        } catch (UnknownHostException e) {
            throw new TypeException("Invalid SFU bind address: " + config.bindAddress(), e);
        }
        this.announced = announcedAddresses(config, bind);
        this.transport = UdpTransport.bind(bind, this, config.socketBufferBytes(), config.batchedIo(), config.writeBatch());
        EventLoop loop = transport.eventLoop();
        this.tick = loop.scheduleAtFixedRate(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Binds the socket and starts the I/O thread. */
    public static MediaEngine start(SfuConfig config) {
        try {
            return new MediaEngine(config);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperationException("interrupted", "Interrupted while binding the SFU socket");
        } catch (RuntimeException e) {
            if (e instanceof TypeException) {
                throw e;
            }
            throw new OperationException("bind-failed", "Cannot bind the SFU media socket to " + config.bindAddress()
                    + ":" + config.port() + ": " + e.getMessage());
        }
    }

    private static List<String> announcedAddresses(SfuConfig config, InetSocketAddress bind) {
        if (!config.announcedAddresses().isEmpty()) {
            return config.announcedAddresses();
        }
        if (bind.getAddress().isAnyLocalAddress()) {
            throw new TypeException("Invalid SFU configuration: announcedAddresses is needed when binding a wildcard address");
        }
        return List.of(bind.getAddress().getHostAddress());
    }

    // -- accessors for the sessions --------------------------------------------------------------

    public SfuConfig config() {
        return config;
    }

    public SfuMetrics metrics() {
        return metrics;
    }

    SecureRandom random() {
        return random;
    }

    DtlsCertificate certificate() {
        return certificate;
    }

    List<SrtpProfile> srtpProfiles() {
        return srtpProfiles;
    }

    ExecutorService dtlsExecutor() {
        return dtlsExecutor;
    }

    Logger log() {
        return LOG;
    }

    byte[] stunOut() {
        return stunOut;
    }

    /** The scratch array outgoing RTP/RTCP is built and encrypted in (I/O thread only). */
    byte[] packetOut() {
        return packetOut;
    }

    /** The port of the media socket. */
    public int port() {
        return transport.localAddress().getPort();
    }

    /** The port written into candidates and m-lines. */
    public int announcedPort() {
        return config.announcedPort() != 0 ? config.announcedPort() : port();
    }

    /** Addresses written into candidates. */
    public List<String> announcedAddresses() {
        return announced;
    }

    public boolean isEpoll() {
        return transport.isEpoll();
    }

    // -- thread hops -----------------------------------------------------------------------------

    /** Runs {@code task} on the I/O thread and flushes what it wrote. */
    public void execute(Runnable task) {
        if (closed) {
            return;
        }
        transport.eventLoop().execute(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn("SFU task failed", e);
            }
            transport.flush();
        });
    }

    /** Runs {@code task} on the I/O thread; the future completes with its result or exception. */
    public <T> CompletableFuture<T> call(Callable<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        if (closed) {
            result.completeExceptionally(new InvalidStateException("The SFU server is closed"));
            return result;
        }
        transport.eventLoop().execute(() -> {
            try {
                result.complete(task.call());
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
            transport.flush();
        });
        return result;
    }

    boolean inLoop() {
        return transport.eventLoop().inEventLoop();
    }

    // -- registration (I/O thread) ---------------------------------------------------------------

    void register(PeerTransport peer) {
        if (byUfrag.size() >= config.maxPeers()) {
            throw new OperationException("too-many-peers", "The SFU serves " + config.maxPeers() + " peer connections at most");
        }
        byUfrag.put(peer.ice().localUfrag(), peer);
    }

    /** The peer's local ufrag changed (ICE restart): checks are looked up under the new one. */
    void rekey(PeerTransport peer, String oldUfrag) {
        byUfrag.remove(oldUfrag, peer);
        byUfrag.put(peer.ice().localUfrag(), peer);
    }

    void learnAddress(InetSocketAddress address, PeerTransport peer) {
        byAddress.put(address, peer);
    }

    void forget(PeerTransport peer) {
        byUfrag.values().removeIf(p -> p == peer);
        byAddress.values().removeIf(p -> p == peer);
        transportCc.remove(peer);
    }

    /** A transport that sends transport-wide CC feedback on the media tick. */
    void addTransportCc(PeerTransport peer) {
        transportCc.add(peer);
    }

    void addTicking(Ticking t) {
        ticking.add(t);
    }

    void removeTicking(Ticking t) {
        ticking.remove(t);
    }

    int peerCount() {
        return byUfrag.size();
    }

    // -- I/O -------------------------------------------------------------------------------------

    void write(byte[] b, int off, int len, InetSocketAddress to) {
        metrics.increment(SfuCounter.DATAGRAMS_OUT);
        metrics.add(SfuCounter.BYTES_OUT, len);
        transport.write(b, off, len, to);
    }

    void sendNow(byte[] datagram, InetSocketAddress to) {
        metrics.increment(SfuCounter.DATAGRAMS_OUT);
        metrics.add(SfuCounter.BYTES_OUT, datagram.length);
        transport.sendNow(datagram, to);
    }

    @Override
    public void onDatagram(byte[] data, int length, InetSocketAddress sender) {
        metrics.increment(SfuCounter.DATAGRAMS_IN);
        metrics.add(SfuCounter.BYTES_IN, length);
        int first = data[0] & 0xff;
        long now = System.nanoTime();
        if (first < 4) {
            StunMessage m = StunMessage.parse(data, 0, length);
            if (m == null) {
                metrics.increment(SfuCounter.DROPPED_STUN_MALFORMED);
                return;
            }
            String user = m.username();
            int colon = user == null ? -1 : user.indexOf(':');
            PeerTransport peer = colon < 0 ? byAddress.get(sender) : byUfrag.get(user.substring(0, colon));
            if (peer == null) {
                metrics.increment(SfuCounter.DROPPED_STUN_UNKNOWN_USER);
                return;
            }
            peer.onStun(m, sender, now);
            return;
        }
        PeerTransport peer = byAddress.get(sender);
        if (peer == null) {
            metrics.increment(SfuCounter.DROPPED_UNKNOWN_SOURCE);
            return;
        }
        if (first >= 20 && first <= 63) {
            peer.onDtls(data, length);
        } else if (first >= 128 && first <= 191) {
            peer.onMedia(data, length, now);
        } else {
            metrics.increment(SfuCounter.DROPPED_UNKNOWN_PROTOCOL);
        }
    }

    @Override
    public void onBatchEnd() {
        // writes queued during the batch are flushed by the transport right after this
    }

    private void tick() {
        try {
            long now = System.nanoTime();
            boolean report = now - lastReportNanos >= TimeUnit.MILLISECONDS.toNanos(REPORT_MILLIS);
            if (report) {
                lastReportNanos = now;
                for (PeerTransport p : new ArrayList<>(byUfrag.values())) {
                    p.checkConsent(now);
                }
            }
            for (Ticking t : new ArrayList<>(ticking)) {
                t.tick(now, report);
            }
            for (int i = 0; i < transportCc.size(); i++) {
                transportCc.get(i).sendTransportCc(now);
            }
        } catch (RuntimeException e) {
            LOG.warn("SFU timer task failed", e);
        }
        transport.flush();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        try {
            call(() -> {
                for (PeerTransport p : new ArrayList<>(byUfrag.values())) {
                    p.close("SFU server closed");
                }
                return null;
            }).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.debug("closing peers: {}", e.toString());
        }
        closed = true;
        tick.cancel(false);
        dtlsExecutor.shutdown();
        try {
            dtlsExecutor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        transport.close();
    }
}
