package org.peerstack.signaling.server.sfu;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.peerstack.sfu.SfuPublisher;
import org.peerstack.sfu.SfuRoom;
import org.peerstack.sfu.SfuSubscriber;

/**
 * The SFU rooms' series on {@code /metrics}: {@code sfu_room_members{room}}, registered when an SFU
 * room opens and removed when it closes. Called on the bridge thread; read by the scraper.
 */
public final class SfuRoomMetrics {

    private final MeterRegistry registry;
    private final Map<String, AtomicInteger> members = new ConcurrentHashMap<>();
    private final Map<String, Gauge> gauges = new ConcurrentHashMap<>();

    public SfuRoomMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void roomOpened(String name, SfuRoom room) {
        AtomicInteger count = new AtomicInteger();
        members.put(name, count);
        gauges.put(name, Gauge.builder("sfu.room.members", count, AtomicInteger::get)
                .description("members of an SFU room").tags(Tags.of("room", name)).register(registry));
    }

    void roomClosed(String name, SfuRoom room) {
        members.remove(name);
        Gauge g = gauges.remove(name);
        if (g != null) {
            registry.remove(g);
        }
    }

    void peerJoined(String room, String peerId) {
        AtomicInteger count = members.get(room);
        if (count != null) {
            count.incrementAndGet();
        }
    }

    void peerLeft(String room, String peerId) {
        AtomicInteger count = members.get(room);
        if (count != null) {
            count.decrementAndGet();
        }
    }

    void publisherAdded(String room, String peerId, SfuPublisher publisher) {
    }

    void publisherRemoved(String room, String peerId, SfuPublisher publisher) {
    }

    void subscriberAdded(String room, String peerId, SfuSubscriber subscriber) {
    }

    void subscriberRemoved(String room, String peerId, SfuSubscriber subscriber) {
    }
}
