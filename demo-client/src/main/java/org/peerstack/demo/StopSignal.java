package org.peerstack.demo;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C (SIGINT/SIGTERM) handling for a bot: the JVM's shutdown hook asks the bot to stop and waits
 * until it has closed everything (at most {@link #CLEANUP_TIMEOUT}), so native resources are released
 * in order before the JVM exits.
 */
public final class StopSignal {

    /** Longest time the shutdown hook waits for the bot to close its connections. */
    public static final Duration CLEANUP_TIMEOUT = Duration.ofSeconds(10);

    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch cleaned = new CountDownLatch(1);
    private final Thread hook;

    private StopSignal() {
        hook = new Thread(() -> {
            stop.countDown();
            try {
                cleaned.await(CLEANUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "peerstack-demo-stop");
    }

    /** Installs the shutdown hook. */
    public static StopSignal install() {
        StopSignal signal = new StopSignal();
        Runtime.getRuntime().addShutdownHook(signal.hook);
        return signal;
    }

    /** Asks the bot to stop (as Ctrl-C does). */
    public void stop() {
        stop.countDown();
    }

    /**
     * Waits until a stop is asked for, or {@code max} passed (zero = no limit).
     *
     * @return true if stopped by a signal, false if the time ran out
     */
    public boolean await(Duration max) throws InterruptedException {
        if (max.isZero()) {
            stop.await();
            return true;
        }
        return stop.await(max.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether a stop was asked for. */
    public boolean stopped() {
        return stop.getCount() == 0;
    }

    /** The bot has closed everything; lets a pending shutdown proceed. */
    public void cleaned() {
        cleaned.countDown();
    }
}
