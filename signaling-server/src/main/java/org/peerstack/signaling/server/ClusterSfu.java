package org.peerstack.signaling.server;

import io.netty.channel.Channel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.peerstack.exc.ErrorCode;
import org.peerstack.signaling.SignalingMessage;
import org.peerstack.signaling.SignalingMessage.Addressed;
import org.peerstack.signaling.SignalingMessage.ErrorMessage;
import org.peerstack.signaling.server.placement.SfuPlacement;
import org.peerstack.signaling.server.sfu.SfuRoomMember;
import org.peerstack.signaling.server.sfu.SfuRooms;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SFU rooms in cluster mode (docs/cluster.md, "SFU rooms"). Each SFU room is placed on one node with
 * {@link SfuPlacement} (the placement of WHIP/WHEP streams: a room name and a stream name share one
 * owner); its members stay connected to the node they joined on:
 * <ul>
 *   <li>on the owner, a member's {@link SfuSession} is its {@link SfuRoomMember};</li>
 *   <li>on another node it is a {@link RemoteSfuSession}: it relays the member's messages to
 *       {@code "sfu"} through Redis to the owner, where this class makes the member's
 *       {@link SfuRoomMember} whose messages are relayed back. Media goes straight between the member
 *       and the owner's SFU socket (the owner's SDP carries its addresses).</li>
 * </ul>
 * Relay targets on the owner ({@code to} in the cluster's wire, never a peer id: {@code ':'} is not in
 * the base64url alphabet): {@value #TO_SFU} (a member's message, {@code from} stamped),
 * {@value #JOIN_PREFIX}{@code <member's node>} (a member arrives; the bytes are its peer id) and
 * {@value #LEAVE} (it leaves). One member's messages reach the owner in the order sent.
 *
 * <p>Failures, checked every {@code cluster.heartbeat-interval-ms} against the placement's live nodes: when
 * a room's owner is no longer alive its members elsewhere get {@code bye} from "sfu" and the error
 * {@code sfu-node-lost}; a {@code leave} and a new {@code join} place the room on a live node. When a
 * member's node is no longer alive, the owner closes that member's SFU connections.
 */
final class ClusterSfu implements AutoCloseable {

    /** Relay target: a member's message to the SFU. */
    static final String TO_SFU = SfuRooms.PEER_ID;
    /** Relay target prefix: a member arrives at the owner; followed by the member's node id. */
    static final String JOIN_PREFIX = "sfu:join:";
    /** Relay target: a member leaves the owner's room. */
    static final String LEAVE = "sfu:leave";

    /**
     * Messages to "sfu" a member may send before its room is placed (one Redis round trip); more are
     * refused with {@code sfu-unavailable} (unit: messages).
     */
    static final int MAX_HELD_MESSAGES = 16;

    private static final Logger LOG = LoggerFactory.getLogger(ClusterSfu.class);

    /** A member of another node in an SFU room of this node. */
    private record Hosted(String node, SfuRoomMember member) {
    }

    private final ClusterRoomRegistry rooms;
    private final SfuRooms sfuRooms;
    private final SfuPlacement placement;
    private final ServerMetrics metrics;
    /** Owner side: members of other nodes, by room NUL peer id. */
    private final Map<String, Hosted> hosted = new ConcurrentHashMap<>();
    /** Owner side: members (of any node) of each SFU room of this node. */
    private final Map<String, Integer> hostedRooms = new ConcurrentHashMap<>();
    /** Member side: sessions whose room is on another node. */
    private final Set<RemoteSfuSession> remotes = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService watch = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "peerstack-cluster-sfu");
        t.setDaemon(true);
        return t;
    });

    ClusterSfu(ClusterRoomRegistry rooms, SfuRooms sfuRooms, SfuPlacement placement, ServerMetrics metrics) {
        this.rooms = rooms;
        this.sfuRooms = sfuRooms;
        this.placement = placement;
        this.metrics = metrics;
        rooms.sfuListener(this::relayed);
        int every = placement.heartbeatIntervalMs();
        watch.scheduleWithFixedDelay(this::check, every, every, TimeUnit.MILLISECONDS);
    }

    /** Whether {@code to}, in a relayed message, names this node's SFU rather than a member. */
    static boolean isSfuTarget(String to) {
        return to.equals(TO_SFU) || to.startsWith("sfu:");
    }

    /** The SFU rooms this node holds now (renewed as its own in the placement). */
    List<String> hostedRooms() {
        return new ArrayList<>(hostedRooms.keySet());
    }

    /** Members of SFU rooms this node holds (its load in the placement, beside WHIP/WHEP sessions). */
    int hostedMembers() {
        int n = 0;
        for (int count : hostedRooms.values()) {
            n += count;
        }
        return n;
    }

    /**
     * The session of member {@code peer} (on {@code channel}) that has just joined SFU room {@code room}:
     * what the member sends before the room is placed waits in it. Called on the channel's event loop.
     */
    SfuSession open(String room, String peer, Channel channel) {
        Consumer<SignalingMessage> out = SfuDispatch.sender(channel, metrics);
        PlacedSfuSession session = new PlacedSfuSession(out);
        placement.locate(room, true).whenComplete((owner, failure) -> channel.eventLoop().execute(() -> {
            if (failure != null || owner.isEmpty() || (!owner.get().self() && owner.get().node().isEmpty())) {
                String why = failure != null ? String.valueOf(failure.getMessage()) : "no live node";
                out.accept(new ErrorMessage(ErrorCode.SFU_UNAVAILABLE, "the SFU room could not be placed (" + why
                        + "); leave and join again", "join"));
                session.resolve(null);
            } else if (owner.get().self()) {
                session.resolve(local(room, peer, out));
            } else {
                RemoteSfuSession remote = new RemoteSfuSession(rooms, owner.get().node(), room, peer, out, remotes::remove);
                remotes.add(remote);
                session.resolve(remote);
            }
        }));
        return session;
    }

    private SfuSession local(String room, String peer, Consumer<SignalingMessage> out) {
        SfuRoomMember member = sfuRooms.join(room, room, peer, out);
        hostedRooms.merge(room, 1, Integer::sum);
        SfuSession inner = SfuSession.of(member);
        return new SfuSession() {
            private boolean closed;

            @Override
            public void accept(Addressed message) {
                inner.accept(message);
            }

            @Override
            public void close() {
                if (!closed) {
                    closed = true;
                    inner.close();
                    unhost(room);
                }
            }
        };
    }

    private void unhost(String room) {
        hostedRooms.computeIfPresent(room, (name, count) -> count <= 1 ? null : count - 1);
    }

    /** Owner side, on the pub/sub thread: a relayed message to this node's SFU. */
    private void relayed(String room, String to, byte[] batch, int offset, int length) {
        if (to.startsWith(JOIN_PREFIX)) {
            String node = to.substring(JOIN_PREFIX.length());
            String peer = new String(batch, offset, length, StandardCharsets.US_ASCII);
            Consumer<SignalingMessage> out = message -> {
                if (message instanceof ErrorMessage error) {
                    metrics.error(error.code());
                }
                rooms.relayTo(node, room, peer, message);
            };
            Hosted before = hosted.put(key(room, peer), new Hosted(node, sfuRooms.join(room, room, peer, out)));
            hostedRooms.merge(room, 1, Integer::sum);
            if (before != null) { // cannot happen: peer ids are unique cluster-wide
                close(room, before);
            }
        } else if (to.equals(LEAVE)) {
            Hosted gone = hosted.remove(key(room, new String(batch, offset, length, StandardCharsets.US_ASCII)));
            if (gone != null) {
                close(room, gone);
            }
        } else if (to.equals(TO_SFU)) {
            SignalingMessage message;
            try {
                message = rooms.codec().decode(batch, offset, length);
            } catch (RuntimeException e) { // written by a peerstack node: not expected
                LOG.atDebug().setMessage("cluster SFU: undecodable relay").addKeyValue("error", e.toString()).log();
                return;
            }
            if (message instanceof Addressed addressed && addressed.from() != null) {
                Hosted member = hosted.get(key(room, addressed.from()));
                if (member != null) {
                    SfuSession.deliver(addressed, member.member());
                } else {
                    LOG.atDebug().setMessage("cluster SFU: message of a member not here").addKeyValue("room", room).log();
                }
            }
        }
    }

    private void close(String room, Hosted member) {
        member.member().close();
        unhost(room);
    }

    private static String key(String room, String peer) {
        return room + '\0' + peer;
    }

    /** Every heartbeat interval: rooms whose owner died, members whose node died. */
    private void check() {
        if (remotes.isEmpty() && hosted.isEmpty()) {
            return;
        }
        placement.liveNodes().whenComplete((live, failure) -> {
            if (failure != null || live.isEmpty()) {
                return; // Redis unreachable: nothing is known; the next check tries again
            }
            for (RemoteSfuSession remote : List.copyOf(remotes)) {
                if (!live.contains(remote.owner())) {
                    remote.lost();
                }
            }
            for (Map.Entry<String, Hosted> entry : List.copyOf(hosted.entrySet())) {
                if (!live.contains(entry.getValue().node()) && hosted.remove(entry.getKey(), entry.getValue())) {
                    close(entry.getKey().substring(0, entry.getKey().indexOf('\0')), entry.getValue());
                }
            }
        });
    }

    @Override
    public void close() {
        watch.shutdownNow();
    }

    /** A session that waits for the room's placement, holding what the member sends meanwhile. Event loop only. */
    private static final class PlacedSfuSession implements SfuSession {
        private final List<Addressed> held = new ArrayList<>();
        private final Consumer<SignalingMessage> out;
        private SfuSession target;
        private boolean resolved;
        private boolean closed;

        PlacedSfuSession(Consumer<SignalingMessage> out) {
            this.out = out;
        }

        void resolve(SfuSession session) {
            resolved = true;
            if (closed) {
                if (session != null) {
                    session.close();
                }
                return;
            }
            target = session;
            if (session != null) {
                held.forEach(session::accept);
            }
            held.clear();
        }

        @Override
        public void accept(Addressed message) {
            if (target != null) {
                target.accept(message);
            } else if (!resolved && held.size() < MAX_HELD_MESSAGES) {
                held.add(message);
            } else if (!resolved) {
                String type = org.peerstack.signaling.SignalingCodec.typeName(message.getClass());
                out.accept(new ErrorMessage(ErrorCode.SFU_UNAVAILABLE, "more than " + MAX_HELD_MESSAGES
                        + " messages to \"sfu\" before the SFU room was placed; send it again", type));
            } // resolved without a session: the member was told with sfu-unavailable
        }

        @Override
        public void close() {
            closed = true;
            held.clear();
            if (target != null) {
                target.close();
                target = null;
            }
        }
    }
}
