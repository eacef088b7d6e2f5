package org.peerstack.recorder;

import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.LongSupplier;
import org.peerstack.event.EventLoop;

/**
 * The threads and the clock a {@link MediaRecorder} runs on, immutable: build with {@link #newBuilder()}.
 * Every member defaults to what the recorder has always used; pass others to run recorders on an
 * application's executors or, in tests, on a clock and executors the test controls. Each recording's
 * encoder and muxer threads ({@code peerstack-recorder-N}, {@code -video}) belong to it and cannot be
 * replaced: they own the native FFmpeg contexts.
 */
public final class RecorderRuntime {

    private static final class Monitor {
        static final ScheduledExecutorService SHARED = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "peerstack-recorder-monitor");
            t.setDaemon(true);
            return t;
        });
    }

    private static final RecorderRuntime DEFAULTS = newBuilder().build();

    private final ScheduledExecutorService scheduler;
    private final LongSupplier nanoClock;
    private final EventLoop eventLoop;

    private RecorderRuntime(Builder builder) {
        this.scheduler = builder.scheduler;
        this.nanoClock = builder.nanoClock;
        this.eventLoop = builder.eventLoop;
    }

    /** One shared {@code peerstack-recorder-monitor} thread, {@link System#nanoTime()}, {@link EventLoop#shared()}. */
    public static RecorderRuntime defaults() {
        return DEFAULTS;
    }

    /** @return a builder starting from the defaults */
    public static Builder newBuilder() {
        return new Builder();
    }

    /**
     * Runs every recording's periodic track check ({@code recorder.track-check-ms}): track-set changes,
     * all tracks ended, black frames and silence for muted tracks. Tasks are short and never block.
     *
     * @return the scheduler
     */
    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    /**
     * The monotonic clock, in nanoseconds, that media timestamps are mapped onto on arrival and muted
     * gaps are measured with; it must be comparable with {@link System#nanoTime()}-based source stamps
     * only in the sense of advancing at the same rate (sources are re-anchored on arrival).
     *
     * @return the clock
     */
    public LongSupplier nanoClock() {
        return nanoClock;
    }

    /**
     * Where a recorder's events ({@code start}, {@code dataavailable}, {@code stop}...) are delivered.
     *
     * @return the event loop
     */
    public EventLoop eventLoop() {
        return eventLoop;
    }

    /** Builds a {@link RecorderRuntime}; every member starts at its default. */
    public static final class Builder {
        private ScheduledExecutorService scheduler = Monitor.SHARED;
        private LongSupplier nanoClock = System::nanoTime;
        private EventLoop eventLoop = EventLoop.shared();

        private Builder() {
        }

        /**
         * @param scheduler see {@link RecorderRuntime#scheduler()}
         * @return this builder
         */
        public Builder scheduler(ScheduledExecutorService scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        /**
         * @param clock see {@link RecorderRuntime#nanoClock()}
         * @return this builder
         */
        public Builder nanoClock(LongSupplier clock) {
            this.nanoClock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * @param loop see {@link RecorderRuntime#eventLoop()}
         * @return this builder
         */
        public Builder eventLoop(EventLoop loop) {
            this.eventLoop = Objects.requireNonNull(loop, "loop");
            return this;
        }

        /** @return the runtime */
        public RecorderRuntime build() {
            return new RecorderRuntime(this);
        }
    }
}
