package org.peerstack.demo;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waiting on conditions (polled), never on fixed sleeps. Timeouts are generous for a loaded 2-core machine. */
public final class Conditions {

    /** Default limit for anything that should take a second or two. */
    public static final Duration GENEROUS = Duration.ofSeconds(45);
    private static final long POLL_MS = 200;

    private Conditions() {
    }

    /** Polls {@code condition} until it holds; fails with {@code what} and the last {@code detail} after {@code max}. */
    public static void await(String what, Duration max, BooleanSupplier condition, Supplier<Object> detail)
            throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + max.toSeconds() + " s waiting for " + what
                        + "; last seen: " + detail.get());
            }
            Thread.sleep(POLL_MS);
        }
    }
}
