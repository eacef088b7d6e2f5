package org.peerstack.rtc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.peerstack.config.PeerstackConfig;
import org.peerstack.event.EventLoop;
import org.peerstack.testing.NetworkNamespace;

/** An engine runs its connections on the executors passed in {@link EngineOptions}, not on the shared pools. */
@Timeout(60)
class EngineOptionsTest {

    private final ExecutorService callbacks = named("test-callback");
    private final ExecutorService connections = named("test-connection");
    private final ExecutorService events = named("test-event");
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "test-timer"));
    private final AtomicInteger callbackTasks = new AtomicInteger();
    private final AtomicInteger connectionTasks = new AtomicInteger();

    @AfterEach
    void stopExecutors() {
        List.of(callbacks, connections, events, timers).forEach(ExecutorService::shutdownNow);
    }

    @Test
    void connectionsRunOnTheInjectedExecutors() throws Exception {
        NetworkNamespace.announce();
        EngineOptions options = EngineOptions.newBuilder()
                .callbackExecutor(task -> {
                    callbackTasks.incrementAndGet();
                    callbacks.execute(task);
                })
                .connectionExecutor(task -> {
                    connectionTasks.incrementAndGet();
                    connections.execute(task);
                })
                .scheduler(timers)
                .eventLoop(EventLoop.create(events))
                .build();
        PeerstackConfig config = PeerstackConfig.loader().load(Optional.empty(), Map.of(), Map.of());
        List<String> listenerThreads = new CopyOnWriteArrayList<>();
        try (WebRtcEngine engine = WebRtcEngine.create(config, options)) {
            assertThat(engine.options()).isSameAs(options);
            RTCPeerConnection a = engine.createPeerConnection(RTCConfiguration.newBuilder().build());
            RTCPeerConnection b = engine.createPeerConnection(RTCConfiguration.newBuilder().build());
            a.addEventListener(RTCPeerConnection.CONNECTION_STATE_CHANGE, e -> listenerThreads.add(Thread.currentThread().getName()));
            RTCDataChannel channel = a.createDataChannel("chat");
            CompletableFuture<String> opened = new CompletableFuture<>();
            channel.addEventListener(RTCDataChannel.OPEN, e -> opened.complete(Thread.currentThread().getName()));

            Negotiation.connect(a, b);

            assertThat(opened.get(20, TimeUnit.SECONDS)).startsWith("test-event-");
            assertThat(listenerThreads).isNotEmpty().allSatisfy(name -> assertThat(name).startsWith("test-event-"));
            assertThat(callbackTasks.get()).as("futures completed through the injected callback executor").isPositive();
            assertThat(connectionTasks.get()).as("serial-executor work on the injected pool").isPositive();
        }
    }

    private static ExecutorService named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return Executors.newCachedThreadPool(r -> daemon(r, prefix + "-" + n.incrementAndGet()));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
