package org.peerstack.rtc;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import org.peerstack.event.EventLoop;
import org.peerstack.internal.rtc.SharedPools;

/**
 * The threads a {@link WebRtcEngine}'s connections run on, immutable: build with {@link #newBuilder()},
 * change a copy with {@link #toBuilder()}. Every member defaults to peerstack's shared pools, which is
 * what {@link WebRtcEngine#create(org.peerstack.config.PeerstackConfig)} uses; pass others to run
 * peerstack on an application's executors or, in tests, on executors the test controls. libwebrtc's own
 * threads (signalling, worker, network) cannot be replaced.
 *
 * <pre>{@code
 * EngineOptions options = EngineOptions.newBuilder().callbackExecutor(myExecutor).build();
 * try (WebRtcEngine engine = WebRtcEngine.create(PeerstackConfig.load(), options)) { ... }
 * }</pre>
 */
public final class EngineOptions {

    private static final EngineOptions DEFAULTS = newBuilder().build();

    private final Executor callbackExecutor;
    private final Executor connectionExecutor;
    private final ScheduledExecutorService scheduler;
    private final EventLoop eventLoop;

    private EngineOptions(Builder builder) {
        this.callbackExecutor = builder.callbackExecutor;
        this.connectionExecutor = builder.connectionExecutor;
        this.scheduler = builder.scheduler;
        this.eventLoop = builder.eventLoop;
    }

    /** The shared pools: {@code peerstack-callback-N}, {@code peerstack-rtc-N}, {@code peerstack-rtc-timer}, {@code peerstack-event-N}. */
    public static EngineOptions defaults() {
        return DEFAULTS;
    }

    /** @return a builder starting from the defaults */
    public static Builder newBuilder() {
        return new Builder();
    }

    /** @return a builder starting from these options */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.callbackExecutor = callbackExecutor;
        builder.connectionExecutor = connectionExecutor;
        builder.scheduler = scheduler;
        builder.eventLoop = eventLoop;
        return builder;
    }

    /**
     * Where the futures of every connection complete (and so where their dependent stages run, which may
     * block); default {@code peerstack-callback-N}, a cached pool.
     *
     * @return the executor
     */
    public Executor callbackExecutor() {
        return callbackExecutor;
    }

    /**
     * The pool each connection's serial executor runs on: native bookkeeping one task at a time per
     * connection, never user code; default {@code peerstack-rtc-N}, a cached pool.
     *
     * @return the executor
     */
    public Executor connectionExecutor() {
        return connectionExecutor;
    }

    /**
     * Timers: a data channel's {@code bufferedamountlow} polling; default one {@code peerstack-rtc-timer}
     * thread. Tasks are short and hop to the connection's executor at once.
     *
     * @return the scheduler
     */
    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    /**
     * Where the events of connections and data channels are delivered; default
     * {@link EventLoop#shared()} ({@code peerstack-event-N}).
     *
     * @return the event loop
     */
    public EventLoop eventLoop() {
        return eventLoop;
    }

    @Override
    public String toString() {
        return "EngineOptions[" + (this == DEFAULTS ? "defaults" : "custom") + "]";
    }

    /** Builds {@link EngineOptions}; every member starts at its default. */
    public static final class Builder {
        private Executor callbackExecutor = SharedPools.callbacks();
        private Executor connectionExecutor = SharedPools.connections();
        private ScheduledExecutorService scheduler = SharedPools.timers();
        private EventLoop eventLoop = EventLoop.shared();

        private Builder() {
        }

        /**
         * @param executor see {@link EngineOptions#callbackExecutor()}
         * @return this builder
         */
        public Builder callbackExecutor(Executor executor) {
            this.callbackExecutor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /**
         * @param executor see {@link EngineOptions#connectionExecutor()}
         * @return this builder
         */
        public Builder connectionExecutor(Executor executor) {
            this.connectionExecutor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /**
         * @param scheduler see {@link EngineOptions#scheduler()}
         * @return this builder
         */
        public Builder scheduler(ScheduledExecutorService scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        /**
         * @param loop see {@link EngineOptions#eventLoop()}
         * @return this builder
         */
        public Builder eventLoop(EventLoop loop) {
            this.eventLoop = Objects.requireNonNull(loop, "loop");
            return this;
        }

        /** @return the options */
        public EngineOptions build() {
            return new EngineOptions(this);
        }
    }
}
