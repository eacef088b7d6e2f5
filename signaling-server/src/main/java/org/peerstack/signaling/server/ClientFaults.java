package org.peerstack.signaling.server;

import java.net.SocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log of what clients do wrong (refused requests, handshake timeouts, broken frames, lost
 * connections) and of unexpected errors on a connection, bounded so that clients can never flood it:
 * one line per fault without a stack trace, at most {@value #MAX_LINES_PER_WINDOW} lines per
 * {@value #WINDOW_SECONDS} s; the first line after a full window says how many were suppressed
 * ("N more suppressed"), as does a summary line that {@link #summarize()} writes every window (and at
 * shutdown) while lines were suppressed. Every fault is counted in {@code signaling_client_faults_total{reason}},
 * logged or not. An unexpected error (a server bug a client may trigger over and over) logs a
 * stack trace at most once per window. Thread-safe, one per server.
 */
final class ClientFaults {

    /** Lines logged per window before the rest are suppressed (lines). */
    static final int MAX_LINES_PER_WINDOW = 20;
    /** Length of a window (seconds). */
    static final long WINDOW_SECONDS = 10;
    /** Longest detail logged (characters). */
    static final int MAX_DETAIL = 200;

    private static final Logger LOG = LoggerFactory.getLogger(ClientFaults.class);
    private static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(WINDOW_SECONDS);

    private final AtomicLong windowStart = new AtomicLong(System.nanoTime());
    private final AtomicInteger lines = new AtomicInteger();
    private final AtomicInteger suppressed = new AtomicInteger();
    private final AtomicLong lastStackTrace = new AtomicLong(System.nanoTime() - WINDOW_NANOS);
    private final ServerMetrics metrics;

    ClientFaults(ServerMetrics metrics) {
        this.metrics = metrics;
    }

    /** A client fault: {@code reason} is a short token (as in the metrics), {@code detail} one line. */
    void report(String reason, SocketAddress remote, String detail) {
        metrics.clientFault(reason);
        int dropped = admit();
        if (dropped < 0) {
            return;
        }
        LOG.atInfo().setMessage(dropped == 0 ? "client fault" : "client fault (" + dropped + " more suppressed)")
                .addKeyValue("reason", reason).addKeyValue("remote", remote).addKeyValue("detail", oneLine(detail)).log();
    }

    /** An error the server did not expect on a connection: one line, and a stack trace at most once per window. */
    void unexpected(SocketAddress remote, Throwable cause) {
        metrics.clientFault("unexpected");
        int dropped = admit();
        if (dropped < 0) {
            return;
        }
        long now = System.nanoTime();
        long last = lastStackTrace.get();
        boolean withStack = now - last >= WINDOW_NANOS && lastStackTrace.compareAndSet(last, now);
        String message = "unexpected error on a connection; closing it"
                + (dropped == 0 ? "" : " (" + dropped + " more suppressed)");
        if (withStack) {
            LOG.atWarn().setMessage(message).addKeyValue("remote", remote).setCause(cause).log();
        } else {
            LOG.atWarn().setMessage(message).addKeyValue("remote", remote).addKeyValue("error", oneLine(cause.toString())).log();
        }
    }

    /**
     * Logs how many lines were suppressed since the last line, if any: run every window by the server
     * and once at shutdown, so a burst that ends is summarized too.
     */
    void summarize() {
        int dropped = suppressed.getAndSet(0);
        if (dropped > 0) {
            LOG.atInfo().setMessage("client faults: " + dropped + " more suppressed")
                    .addKeyValue("windowSeconds", WINDOW_SECONDS).log();
        }
    }

    /** {@code text} on one line of at most {@value #MAX_DETAIL} characters (client input may be in it). */
    static String oneLine(String text) {
        String line = String.valueOf(text).replace('\n', ' ').replace('\r', ' ');
        return line.length() <= MAX_DETAIL ? line : line.substring(0, MAX_DETAIL) + "...";
    }

    /** -1 when this line is suppressed; else the number suppressed before it (reported once). */
    private int admit() {
        long now = System.nanoTime();
        long start = windowStart.get();
        if (now - start >= WINDOW_NANOS && windowStart.compareAndSet(start, now)) {
            lines.set(0);
        }
        if (lines.incrementAndGet() > MAX_LINES_PER_WINDOW) {
            suppressed.incrementAndGet();
            return -1;
        }
        return suppressed.getAndSet(0);
    }
}
