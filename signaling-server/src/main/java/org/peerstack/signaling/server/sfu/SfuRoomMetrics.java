package org.peerstack.signaling.server.sfu;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import org.peerstack.sfu.SfuPeerStats;
import org.peerstack.sfu.SfuMember;
import org.peerstack.sfu.SfuPublisher;
import org.peerstack.sfu.SfuRoom;
import org.peerstack.sfu.SfuSubscriber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SFU rooms' series on {@code /metrics}, per room ({@code room} tag) and per member's connection
 * ({@code room}, {@code peer}, {@code connection="member"}: the member's single connection with the SFU): packets and bytes received and
 * sent, packets lost, NACKs and keyframe requests (PLI/FIR) received and sent (counters,
 * {@code sfu_room_*_total} and {@code sfu_peer_*_total}), bitrates received and sent (gauges, bit/s, over
 * the last poll interval) and {@code sfu_room_members}. The SFU's {@link SfuPeerStats} are polled every
 * {@link #POLL_INTERVAL}. A member's series are removed when it leaves, a room's when it closes; a
 * room's counters keep what its departed members counted, so they never go down. A member that
 * publishes again after {@code bye} continues its series.
 *
 * <p>Threads: the bridge thread reports rooms, members and connections; a poller thread of its own
 * ({@value #THREAD_NAME}) reads the SFU; the scraper reads the values. State is guarded by this object.
 */
public final class SfuRoomMetrics implements AutoCloseable {

    /** How often the SFU's per-connection counters are read (also the bitrate's averaging window). */
    public static final Duration POLL_INTERVAL = Duration.ofSeconds(1);
    /** Name of the polling thread. */
    public static final String THREAD_NAME = "peerstack-sfu-metrics";

    private static final Logger LOG = LoggerFactory.getLogger(SfuRoomMetrics.class);

    /** The counters of {@link SfuPeerStats}, with their meter names and descriptions. */
    private enum Count {
        PACKETS_RECEIVED("packets.received", "SRTP/SRTCP packets received", SfuPeerStats::packetsReceived),
        BYTES_RECEIVED("bytes.received", "bytes received (decrypted)", SfuPeerStats::bytesReceived),
        PACKETS_SENT("packets.sent", "RTP/RTCP packets sent", SfuPeerStats::packetsSent),
        BYTES_SENT("bytes.sent", "bytes sent (before encryption)", SfuPeerStats::bytesSent),
        PACKETS_LOST("packets.lost", "packets lost: gaps in a publisher's media, a subscriber's reported loss",
                SfuPeerStats::packetsLost),
        NACKS_RECEIVED("nacks.received", "NACKs received from subscribers", SfuPeerStats::nacksReceived),
        NACKS_SENT("nacks.sent", "NACKs sent to publishers", SfuPeerStats::nacksSent),
        PLIS_RECEIVED("plis.received", "keyframe requests (PLI/FIR) received from subscribers",
                SfuPeerStats::keyframeRequestsReceived),
        PLIS_SENT("plis.sent", "keyframe requests (PLI/FIR) sent to publishers", SfuPeerStats::keyframeRequestsSent);

        final String name;
        final String description;
        final ToLongFunction<SfuPeerStats> read;

        Count(String name, String description, ToLongFunction<SfuPeerStats> read) {
            this.name = name;
            this.description = description;
            this.read = read;
        }
    }

    private static final int N = Count.values().length;

    /** Cumulative counts and the latest bitrates of a room or of a member's connection. */
    private static final class Totals {
        final long[] retired = new long[N];
        final Map<Object, long[]> live = new ConcurrentHashMap<>();
        volatile double bitsReceived;
        volatile double bitsSent;

        long value(int i) {
            long v = retired[i];
            for (long[] l : live.values()) {
                v += l[i];
            }
            return v;
        }
    }

    /** Micrometer keeps only weak references to a meter's state: the series objects (held in maps) are the state. */
    private final class RoomSeries implements CountReader, BitrateReader {
        final String name;
        final Totals totals = new Totals();
        final List<Meter> meters = new ArrayList<>();
        final Map<String, PeerSeries> peers = new ConcurrentHashMap<>();
        int members;
        int opened = 1;

        RoomSeries(String name) {
            this.name = name;
            meters.add(Gauge.builder("sfu.room.members", this, r -> r.members).description("members of an SFU room")
                    .tags(Tags.of("room", name)).register(registry));
            register(meters, "sfu.room.", Tags.of("room", name), this, this);
        }

        @Override
        public long count(int i) {
            synchronized (SfuRoomMetrics.this) {
                long v = totals.retired[i];
                for (PeerSeries p : peers.values()) {
                    v += p.totals.value(i);
                }
                return v;
            }
        }

        @Override
        public double bitrate(boolean received) {
            double v = 0;
            for (PeerSeries p : peers.values()) {
                v += received ? p.totals.bitsReceived : p.totals.bitsSent;
            }
            return v;
        }
    }

    private final class PeerSeries implements CountReader, BitrateReader {
        final Totals totals = new Totals();
        final List<Meter> meters = new ArrayList<>();

        PeerSeries(String room, String peer, String connection) {
            register(meters, "sfu.peer.", Tags.of("room", room, "peer", peer, "connection", connection), this, this);
        }

        @Override
        public long count(int i) {
            synchronized (SfuRoomMetrics.this) {
                return totals.value(i);
            }
        }

        @Override
        public double bitrate(boolean received) {
            return received ? totals.bitsReceived : totals.bitsSent;
        }
    }

    private interface CountReader {
        long count(int i);
    }

    private interface BitrateReader {
        double bitrate(boolean received);
    }

    private final MeterRegistry registry;
    private final Map<String, RoomSeries> rooms = new ConcurrentHashMap<>();
    /** Live connections: SfuMember, SfuPublisher or SfuSubscriber -> where its counts go. */
    private final Map<Object, Live> connections = new ConcurrentHashMap<>();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, THREAD_NAME);
        t.setDaemon(true);
        return t;
    });

    private record Live(RoomSeries room, String peerKey, PeerSeries peer) {
    }

    public SfuRoomMetrics(MeterRegistry registry) {
        this.registry = registry;
        poller.scheduleAtFixedRate(this::poll, POLL_INTERVAL.toMillis(), POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void register(List<Meter> meters, String prefix, Tags tags, CountReader counts, BitrateReader bitrates) {
        for (Count c : Count.values()) {
            int i = c.ordinal();
            meters.add(FunctionCounter.builder(prefix + c.name, counts, r -> r.count(i)).description(c.description)
                    .tags(tags).register(registry));
        }
        meters.add(Gauge.builder(prefix + "received.bitrate", bitrates, b -> b.bitrate(true))
                .description("bits per second received over the last " + POLL_INTERVAL.toSeconds() + " s").tags(tags)
                .register(registry));
        meters.add(Gauge.builder(prefix + "sent.bitrate", bitrates, b -> b.bitrate(false))
                .description("bits per second sent over the last " + POLL_INTERVAL.toSeconds() + " s").tags(tags)
                .register(registry));
    }

    synchronized void roomOpened(String name, SfuRoom room) {
        RoomSeries existing = rooms.get(name);
        if (existing != null) {
            existing.opened++; // the same name again while the old room's series are still up
        } else {
            rooms.put(name, new RoomSeries(name));
        }
    }

    synchronized void roomClosed(String name, SfuRoom room) {
        RoomSeries r = rooms.get(name);
        if (r != null && --r.opened == 0) {
            rooms.remove(name);
            r.meters.forEach(registry::remove);
            for (PeerSeries p : r.peers.values()) {
                p.meters.forEach(registry::remove);
            }
            r.peers.clear();
        }
    }

    synchronized void peerJoined(String room, String peerId) {
        RoomSeries r = rooms.get(room);
        if (r != null) {
            r.members++;
        }
    }

    /** The member left: its series go; the room keeps its counts. */
    synchronized void peerLeft(String room, String peerId) {
        RoomSeries r = rooms.get(room);
        if (r == null) {
            return;
        }
        r.members--;
        for (String connection : new String[] {"member", "publish", "subscribe"}) {
            PeerSeries p = r.peers.remove(peerId + "/" + connection);
            if (p != null) {
                for (int i = 0; i < N; i++) {
                    r.totals.retired[i] += p.totals.value(i);
                }
                p.meters.forEach(registry::remove);
            }
        }
    }

    void memberAdded(String room, String peerId, SfuMember member) {
        added(room, peerId, "member", member);
    }

    void memberRemoved(String room, String peerId, SfuMember member) {
        removed(member, member.stats());
    }

    void publisherAdded(String room, String peerId, SfuPublisher publisher) {
        added(room, peerId, "publish", publisher);
    }

    void publisherRemoved(String room, String peerId, SfuPublisher publisher) {
        removed(publisher, publisher.stats());
    }

    void subscriberAdded(String room, String peerId, SfuSubscriber subscriber) {
        added(room, peerId, "subscribe", subscriber);
    }

    void subscriberRemoved(String room, String peerId, SfuSubscriber subscriber) {
        removed(subscriber, subscriber.stats());
    }

    private synchronized void added(String room, String peerId, String connection, Object sfuPeer) {
        RoomSeries r = rooms.get(room);
        if (r == null) {
            return;
        }
        String key = peerId + "/" + connection;
        PeerSeries p = r.peers.computeIfAbsent(key, k -> new PeerSeries(room, peerId, connection));
        p.totals.live.put(sfuPeer, new long[N]);
        connections.put(sfuPeer, new Live(r, key, p));
    }

    /** A connection closed: its final counts move to its member's (or, once the member left, its room's) totals. */
    private void removed(Object sfuPeer, CompletableFuture<SfuPeerStats> last) {
        last.whenCompleteAsync((stats, error) -> { // on the poller: no lock is taken on the SFU's I/O thread
            synchronized (this) {
                Live live = connections.remove(sfuPeer);
                if (live == null) {
                    return;
                }
                long[] before = live.peer().totals.live.remove(sfuPeer);
                long[] after = stats != null ? values(stats) : before;
                if (before == null || after == null) {
                    return;
                }
                if (live.room().peers.get(live.peerKey()) == live.peer()) {
                    for (int i = 0; i < N; i++) {
                        live.peer().totals.retired[i] += after[i];
                    }
                } else { // the member has left: its counts are in the room's already, up to the last poll
                    for (int i = 0; i < N; i++) {
                        live.room().totals.retired[i] += after[i] - before[i];
                    }
                }
            }
        }, poller);
    }

    private static long[] values(SfuPeerStats stats) {
        long[] v = new long[N];
        for (Count c : Count.values()) {
            v[c.ordinal()] = c.read.applyAsLong(stats);
        }
        return v;
    }

    /** Reads every live connection's counters; computes bitrates from the byte counts. */
    private void poll() {
        try {
            Map<Object, CompletableFuture<SfuPeerStats>> asked = new java.util.HashMap<>();
            for (Object sfuPeer : connections.keySet()) {
                asked.put(sfuPeer, sfuPeer instanceof SfuMember m ? m.stats()
                        : sfuPeer instanceof SfuPublisher p ? p.stats() : ((SfuSubscriber) sfuPeer).stats());
            }
            Map<PeerSeries, long[]> bytesBefore = new java.util.HashMap<>();
            synchronized (this) {
                for (RoomSeries r : rooms.values()) {
                    for (PeerSeries p : r.peers.values()) {
                        bytesBefore.put(p, new long[] {p.totals.value(Count.BYTES_RECEIVED.ordinal()),
                                p.totals.value(Count.BYTES_SENT.ordinal())});
                    }
                }
            }
            for (Map.Entry<Object, CompletableFuture<SfuPeerStats>> e : asked.entrySet()) {
                SfuPeerStats stats;
                try {
                    stats = e.getValue().get(POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
                } catch (Exception failed) {
                    continue; // closed meanwhile
                }
                synchronized (this) {
                    Live live = connections.get(e.getKey());
                    if (live != null && live.peer().totals.live.containsKey(e.getKey())) {
                        live.peer().totals.live.put(e.getKey(), values(stats));
                    }
                }
            }
            double seconds = POLL_INTERVAL.toMillis() / 1000.0;
            synchronized (this) {
                for (Map.Entry<PeerSeries, long[]> e : bytesBefore.entrySet()) {
                    Totals t = e.getKey().totals;
                    t.bitsReceived = Math.max(0, t.value(Count.BYTES_RECEIVED.ordinal()) - e.getValue()[0]) * 8 / seconds;
                    t.bitsSent = Math.max(0, t.value(Count.BYTES_SENT.ordinal()) - e.getValue()[1]) * 8 / seconds;
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("SFU room metrics poll failed", e);
        }
    }

    /** Stops polling. Idempotent. */
    @Override
    public void close() {
        poller.shutdownNow();
    }
}
