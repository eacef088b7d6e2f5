package org.peerstack.sfu;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.peerstack.exc.InvalidStateException;
import org.peerstack.sfu.internal.forward.MediaEngine;

/**
 * An embeddable selective forwarding unit: one UDP socket shared by every peer (ICE-lite, DTLS-SRTP),
 * rooms in which each publisher's RTP is forwarded to every subscriber without decoding.
 *
 * <pre>{@code
 * try (SfuServer sfu = SfuServer.start(SfuConfig.newBuilder().port(40000).announcedAddress("203.0.113.7").build())) {
 *     SfuRoom room = sfu.room("lobby");
 *     SfuPublisher pub = room.publish(offerFromPublisher).get();   // send pub.answer() back
 *     SfuSubscriber sub = room.subscribe().get();
 *     String offer = sub.createOffer().get();                      // send it, get the answer
 *     sub.setAnswer(answerFromSubscriber).get();
 * }
 * }</pre>
 *
 * <p>Threads: one media I/O thread runs every room (demultiplexing, decryption, forwarding, encryption,
 * timers); DTLS handshakes run on {@link SfuConfig#dtlsThreads()} others; events reach listeners on the
 * peerstack event thread. See docs/sfu.md.
 */
public final class SfuServer implements AutoCloseable {

    /**
     * jitsi-srtp reports through java.util.logging at INFO when it loads (its OpenSSL library and an AES
     * benchmark per cipher): implementation details that reached the console of every application. They
     * are kept at WARNING unless the application configured the {@code org.jitsi} logger itself. Held here
     * because java.util.logging keeps loggers only weakly.
     */
    private static final java.util.logging.Logger JITSI_LOG = java.util.logging.Logger.getLogger("org.jitsi");

    static {
        if (JITSI_LOG.getLevel() == null) {
            JITSI_LOG.setLevel(java.util.logging.Level.WARNING);
        }
    }

    private final MediaEngine engine;
    private final Map<String, SfuRoom> rooms = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private SfuServer(MediaEngine engine) {
        this.engine = engine;
    }

    /**
     * Binds the media socket and starts the media thread. Fails with {@link org.peerstack.exc.TypeException}
     * for a bad configuration and {@link org.peerstack.exc.OperationException} ("bind-failed") when the
     * socket cannot be bound.
     */
    public static SfuServer start(SfuConfig config) {
        // jitsi-srtp's one-off cipher benchmark, off the media thread (it stalled the first connections there)
        org.peerstack.sfu.internal.srtp.SrtpWarmup.start();
        return new SfuServer(MediaEngine.start(config));
    }

    /** The room {@code id}, created on first use. */
    public SfuRoom room(String id) {
        if (closed) {
            throw new InvalidStateException("The SFU server is closed");
        }
        if (id == null || id.isBlank() || id.length() > 128) {
            throw new org.peerstack.exc.TypeException("A room id must be 1..128 characters");
        }
        return rooms.computeIfAbsent(id, k -> new SfuRoom(this, engine, k));
    }

    /** The rooms that exist now. */
    public List<SfuRoom> rooms() {
        return List.copyOf(rooms.values());
    }

    void forget(SfuRoom room) {
        rooms.remove(room.id(), room);
    }

    /** The UDP port of the media socket. */
    public int port() {
        return engine.port();
    }

    /** The addresses written into candidates. */
    public List<String> announcedAddresses() {
        return engine.announcedAddresses();
    }

    /** True when the media socket runs on the epoll transport (batched reads and writes). */
    public boolean isEpoll() {
        return engine.isEpoll();
    }

    public SfuMetrics metrics() {
        return engine.metrics();
    }

    /** Closes every room and peer (DTLS close_notify), then the socket and threads. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (SfuRoom room : rooms()) {
            room.close();
        }
        engine.close();
    }
}
