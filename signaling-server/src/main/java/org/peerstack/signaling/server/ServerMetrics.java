package org.peerstack.signaling.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.peerstack.exc.ErrorCode;

/**
 * The server's Micrometer meters, exposed at {@code /metrics} in the Prometheus text format:
 * {@code signaling_connections}, {@code signaling_websockets}, {@code signaling_rooms} (gauges),
 * {@code signaling_messages_received_total}, {@code signaling_messages_relayed_total},
 * {@code signaling_messages_dropped_total{reason}},
 * {@code signaling_errors_total{code}}, {@code signaling_refused_total{reason}} and
 * {@code signaling_client_faults_total{reason}} (counters).
 */
final class ServerMetrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger websockets = new AtomicInteger();
    // Striped adders: the relay path increments these from every event loop, so a shared atomic
    // (what a registry counter's increment costs) would bounce a cache line per message.
    private final LongAdder received = new LongAdder();
    private final LongAdder relayed = new LongAdder();
    private final Map<ErrorCode, Counter> errors = new EnumMap<>(ErrorCode.class);
    private final Map<Drop, LongAdder> dropped = new EnumMap<>(Drop.class);

    /** Why a message was not delivered: the {@code reason} of {@code signaling_messages_dropped_total}. */
    enum Drop {
        /** The receiver's backlog, dropped when it was closed as a slow consumer, and what followed. */
        SLOW_CONSUMER("slow-consumer"),
        /** Over the sender's rate ({@code limits.max-messages-per-second} + burst). */
        RATE_LIMITED("rate-limited"),
        /** The receiver's connection closed before the message reached it. */
        RECEIVER_CLOSED("receiver-closed");

        final String token;

        Drop(String token) {
            this.token = token;
        }
    }

    /** Metrics of a server whose rooms are {@code rooms}. */
    ServerMetrics(RoomRegistry rooms) {
        this();
        watch(rooms);
    }

    /**
     * Metrics without the room gauges yet: a cluster's room registry needs the metrics before it exists.
     * Call {@link #watch(RoomRegistry)} once it does.
     */
    ServerMetrics() {
        Gauge.builder("signaling.connections", connections, AtomicInteger::get)
                .description("open TCP connections").register(registry);
        Gauge.builder("signaling.websockets", websockets, AtomicInteger::get)
                .description("open WebSocket connections").register(registry);
        FunctionCounter.builder("signaling.messages.received", received, LongAdder::doubleValue)
                .description("messages decoded").register(registry);
        FunctionCounter.builder("signaling.messages.relayed", relayed, LongAdder::doubleValue)
                .description("messages forwarded to a member").register(registry);
        for (Drop reason : Drop.values()) {
            LongAdder count = new LongAdder();
            dropped.put(reason, count);
            FunctionCounter.builder("signaling.messages.dropped", count, LongAdder::doubleValue).tag("reason", reason.token)
                    .description("messages not delivered, by reason").register(registry);
        }
        for (ErrorCode code : ErrorCode.values()) {
            errors.put(code, Counter.builder("signaling.errors").tag("code", code.token())
                    .description("error messages sent to clients").register(registry));
        }
    }

    /** Registers the gauges of {@code rooms} (once per server). */
    void watch(RoomRegistry rooms) {
        Gauge.builder("signaling.rooms", rooms, RoomRegistry::roomCount)
                .description("rooms with at least one member").register(registry);
        if (rooms instanceof ClusterRoomRegistry cluster) {
            FunctionCounter.builder("signaling.cluster.dropped", cluster, ClusterRoomRegistry::dropped)
                    .description("relayed messages to other nodes that could not be sent").register(registry);
            Gauge.builder("signaling.cluster.healthy", cluster, c -> c.degradedReason() == null ? 1 : 0)
                    .description("1 while Redis answers and this node's registrations are in place, else 0").register(registry);
        }
    }

    /** Registers a gauge read from {@code value}. */
    void gauge(String name, String description, java.util.function.Supplier<Number> value) {
        Gauge.builder(name, value).description(description).register(registry);
    }

    AtomicInteger connections() {
        return connections;
    }

    AtomicInteger websockets() {
        return websockets;
    }

    void received() {
        received.increment();
    }

    void relayed(int count) {
        relayed.add(count);
    }

    void error(ErrorCode code) {
        errors.get(code).increment();
    }

    /** {@code count} messages not delivered for {@code reason}. */
    void dropped(Drop reason, int count) {
        dropped.get(reason).add(count);
    }

    /** A client fault of {@code reason} (a short token, from a fixed set: see {@link ClientFaults}). */
    void clientFault(String reason) {
        registry.counter("signaling.client.faults", "reason", reason).increment();
    }

    void refused(String reason) {
        registry.counter("signaling.refused", "reason", reason).increment();
    }

    /** The registry, for meters registered elsewhere (the SFU rooms' series). */
    io.micrometer.core.instrument.MeterRegistry registry() {
        return registry;
    }

    /** The Prometheus text exposition of every meter. */
    String scrape() {
        return registry.scrape();
    }

    void close() {
        registry.close();
    }
}
