package org.peerstack.demo;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.peerstack.media.MediaStream;
import org.peerstack.rtc.RTCTrackEvent;

/**
 * The {@code echo} bot in an SFU room: it republishes every member's tracks on its one connection with the
 * SFU (decoded and re-encoded, as in a mesh), one stream per member, so each member sees and hears itself
 * as the echo bot. When members' tracks come, the bot publishes them too ({@link SfuCall#publish}: new
 * transceivers, the same connection renegotiated); when some go, {@link SfuCall#publish} hangs the
 * connection up and publishes the rest on a new one (the others see the echo's tracks end and come back).
 * At most once per {@link #REPUBLISH_DELAY}.
 * Data-channel echo has no place here (no data channels through the SFU).
 */
public final class SfuEcho implements Room.Handler, AutoCloseable {

    /** Wait after a change for further tracks before publishing again (one offer for a member's audio and video). */
    public static final java.time.Duration REPUBLISH_DELAY = java.time.Duration.ofMillis(500);

    private final Map<String, MediaStream> echoes = new ConcurrentHashMap<>();
    private final AtomicLong tracksEchoed = new AtomicLong();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "peerstack-demo-sfu-echo");
        t.setDaemon(true);
        return t;
    });
    private volatile SfuCall call;
    private ScheduledFuture<?> pending;

    /** The call the echoes are published on; set once joined (tracks arriving before wait for it). */
    public void attach(SfuCall call) {
        this.call = Objects.requireNonNull(call, "call");
        republishSoon();
    }

    @Override
    public void track(Peer peer, RTCTrackEvent event) {
        echoes.computeIfAbsent(peer.id(), id -> new MediaStream()).addTrack(event.track());
        tracksEchoed.incrementAndGet();
        republishSoon();
    }

    @Override
    public void peerClosed(Peer peer) {
        if (echoes.remove(peer.id()) != null) {
            republishSoon();
        }
    }

    private synchronized void republishSoon() {
        if (pending != null || timer.isShutdown()) {
            return;
        }
        pending = timer.schedule(this::republish, REPUBLISH_DELAY.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void republish() {
        synchronized (this) {
            pending = null;
        }
        SfuCall current = call;
        if (current == null) {
            return;
        }
        List<MediaStream> streams = List.copyOf(echoes.values());
        if (streams.isEmpty()) {
            current.unpublish();
        } else {
            current.publish(streams.toArray(MediaStream[]::new));
        }
    }

    /** Tracks echoed so far. */
    public long tracksEchoed() {
        return tracksEchoed.get();
    }

    /** Status text for {@link LiveStatus}. */
    public String status() {
        return "echoing " + echoes.size() + " members (" + tracksEchoed.get() + " tracks so far)";
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
