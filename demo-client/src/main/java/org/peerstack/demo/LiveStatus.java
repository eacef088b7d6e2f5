package org.peerstack.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The compact live status a bot prints while it runs: one line per interval with the number of peers
 * and, per peer, its connection state, connect time, received and sent frame rate and bit rate.
 *
 * <pre>
 * [echo demo] peers 1 | Alice connected (31 ms) rx 29.8 fps 1.21 Mbit/s, tx 29.9 fps 1.18 Mbit/s
 * </pre>
 */
public final class LiveStatus implements AutoCloseable {

    /** Default time between two status lines. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);
    /** Longest wait for one connection's statistics. */
    private static final long STATS_TIMEOUT_MS = 5_000;

    private final String label;
    private final Supplier<java.util.List<Peer>> peers;
    private final PrintStream out;
    private final Supplier<String> extra;
    private final Map<String, CallStats> previous = new HashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "peerstack-demo-status");
        t.setDaemon(true);
        return t;
    });

    /**
     * Starts printing.
     *
     * @param extra bot-specific text appended to each line (e.g. recording progress), may return ""
     */
    public LiveStatus(String label, Room room, PrintStream out, Duration interval, Supplier<String> extra) {
        this(label, room::peers, out, interval, extra);
    }

    /**
     * Starts printing the status of the members {@code peers} returns (an {@link SfuCall}'s members share
     * its one connection with the server: each shows the whole connection's rates).
     *
     * @param extra bot-specific text appended to each line (e.g. recording progress), may return ""
     */
    public LiveStatus(String label, Supplier<java.util.List<Peer>> peers, PrintStream out, Duration interval,
                      Supplier<String> extra) {
        this.label = label;
        this.peers = peers;
        this.out = out;
        this.extra = extra;
        timer.scheduleWithFixedDelay(this::print, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void print() {
        try {
            out.println(line());
        } catch (RuntimeException e) {
            out.println("[" + label + "] status unavailable: " + e);
        }
    }

    /** The status line now (also used for the final summary). */
    public synchronized String line() {
        java.util.List<Peer> members = peers.get();
        StringBuilder line = new StringBuilder("[").append(label).append("] peers ").append(members.size());
        for (Peer peer : members) {
            line.append(" | ").append(peer.name()).append(' ').append(peer.pc().connectionState().token());
            peer.connectTime().ifPresent(t -> line.append(String.format(" (%d ms)", t.toMillis())));
            if (peer.pc().isClosed()) {
                continue;
            }
            try {
                CallStats now = CallStats.of(peer.pc().getStats().get(STATS_TIMEOUT_MS, TimeUnit.MILLISECONDS));
                CallStats before = previous.getOrDefault(peer.id(), CallStats.ZERO);
                previous.put(peer.id(), now);
                line.append(String.format(" rx %.1f fps %s, tx %.1f fps %s", now.fpsSince(before),
                        CallStats.bitrate(now.receiveBitrateSince(before)), now.sentFpsSince(before),
                        CallStats.bitrate(now.sendBitrateSince(before))));
            } catch (Exception e) {
                line.append(" (no stats: ").append(e.getClass().getSimpleName()).append(')');
            }
        }
        String more = extra.get();
        if (!more.isEmpty()) {
            line.append(" | ").append(more);
        }
        return line.toString();
    }

    /** Stops printing. Idempotent. */
    @Override
    public void close() {
        timer.shutdownNow();
    }
}
