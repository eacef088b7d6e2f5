package org.peerstack.signaling.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.peerstack.exc.ErrorCode;
import org.peerstack.signaling.SignalingCodec;
import org.peerstack.signaling.SignalingMessage;
import org.peerstack.signaling.SignalingMessage.PeerJoined;
import org.peerstack.signaling.SignalingMessage.PeerLeft;
import org.peerstack.signaling.server.cluster.ClusterSettings;
import org.peerstack.signaling.server.cluster.DirectoryListener;
import org.peerstack.signaling.server.cluster.Peer;
import org.peerstack.signaling.server.cluster.RedisDirectory;

/**
 * The rooms of one node of a cluster ({@code cluster.enabled: true}, {@code docs/cluster.md}): the
 * directory in Redis decides joins (limits and peer ids hold cluster-wide) and knows every member; this
 * node keeps a room while it has members of its own, holding its members and those of other nodes.
 * Messages to members on other nodes go through {@link RedisDirectory#relay}; events and messages from
 * other nodes arrive through {@link DirectoryListener} and are written to this node's members in the
 * order they arrive.
 */
final class ClusterRoomRegistry extends RoomRegistry implements DirectoryListener {

    /** Attempts at a join when the directory says a fresh peer id is taken (unit: attempts). */
    static final int JOIN_ATTEMPTS = 3;

    /** A member of this node and its room. */
    private record Local(Room room, Member member) {
    }

    /** A join waiting for its welcome from the directory. */
    private record Pending(String room, Member member, CompletableFuture<JoinResult> done) {
    }

    private final ConcurrentHashMap<String, Room> rooms = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Local> locals = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Pending> pending = new ConcurrentHashMap<>();
    private final SignalingCodec codec;
    private final int commandTimeoutMs;
    /** What the pub/sub thread writes to this node's members; used on that thread only. */
    private final RelayBatch inbound;
    private final ServerMetrics metrics;
    private final RedisDirectory directory;

    /** Where relayed messages to the SFU of this node go ({@link ClusterSfu}); set once at start, or none. */
    private volatile SfuRelayListener sfuListener;

    /** Receives, on the pub/sub thread, the relayed messages addressed to this node's SFU ({@link ClusterSfu#isSfuTarget}). */
    interface SfuRelayListener {
        void relayed(String room, String to, byte[] batch, int offset, int length);
    }

    ClusterRoomRegistry(SignalingLimits limits, ClusterSettings settings, SignalingCodec codec, ServerMetrics metrics) {
        this(limits, settings, codec, metrics, limits.maxMembersPerRoom());
    }

    /** {@code maxSfuMembersPerRoom}: the member limit of SFU rooms ({@code sfu.max-members-per-room}), cluster-wide. */
    ClusterRoomRegistry(SignalingLimits limits, ClusterSettings settings, SignalingCodec codec, ServerMetrics metrics,
                        int maxSfuMembersPerRoom) {
        super(limits.maxRooms(), limits.maxMembersPerRoom(), maxSfuMembersPerRoom);
        this.codec = codec;
        this.metrics = metrics;
        this.inbound = new RelayBatch(metrics);
        this.commandTimeoutMs = settings.commandTimeoutMs();
        this.directory = RedisDirectory.start(settings, limits.maxRooms(), limits.maxMembersPerRoom(), maxSfuMembersPerRoom,
                this);
    }

    @Override
    CompletableFuture<JoinResult> join(String roomName, Member member) {
        return join(roomName, member, false, false);
    }

    /** The room's mode is recorded in Redis by the join that creates it (docs/cluster.md, "SFU rooms"). */
    @Override
    CompletableFuture<JoinResult> join(String roomName, Member member, boolean sfuIfNew, boolean sfuRequired) {
        CompletableFuture<JoinResult> done = new CompletableFuture<>();
        attempt(roomName, member, sfuRequired ? "S" : sfuIfNew ? "s" : "", done, JOIN_ATTEMPTS);
        return done;
    }

    private void attempt(String roomName, Member member, String mode, CompletableFuture<JoinResult> done, int attempts) {
        Pending wait = new Pending(roomName, member, done);
        pending.put(member.id(), wait);
        directory.join(roomName, member.id(), member.name(), mode).whenComplete((outcome, failure) -> {
            if (failure != null) {
                if (pending.remove(member.id(), wait)) {
                    done.complete(JoinResult.refused(ErrorCode.INTERNAL,
                            "the cluster's directory is unreachable; retry later"));
                }
                return;
            }
            switch (outcome) {
                case "ok" -> CompletableFuture.delayedExecutor(commandTimeoutMs, TimeUnit.MILLISECONDS).execute(() -> {
                    if (pending.remove(member.id(), wait)) { // registered, but its welcome never came
                        directory.leave(roomName, member.id());
                        done.complete(JoinResult.refused(ErrorCode.INTERNAL, "the cluster's directory did not confirm the join; retry"));
                    }
                });
                case "room-full" -> refuse(wait, ErrorCode.ROOM_FULL);
                case "too-many-rooms" -> refuse(wait, ErrorCode.TOO_MANY_ROOMS);
                case "room-mode" -> {
                    if (pending.remove(member.id(), wait)) {
                        done.complete(JoinResult.refused(ErrorCode.ROOM_MODE, "room '" + roomName
                                + "' is a mesh room; join it without \"sfu\": true, or use another room"));
                    }
                }
                case "id-taken" -> {
                    pending.remove(member.id(), wait);
                    if (attempts > 1) {
                        attempt(roomName, new Member(PeerHandler.newPeerId(), member.name(), member.channel()), mode, done,
                                attempts - 1);
                    } else {
                        done.complete(JoinResult.refused(ErrorCode.INTERNAL, "no free peer id found; retry"));
                    }
                }
                default -> {
                    pending.remove(member.id(), wait);
                    done.complete(JoinResult.refused(ErrorCode.INTERNAL, "this node is rejoining the cluster; retry later"));
                }
            }
        });
    }

    private void refuse(Pending wait, ErrorCode code) {
        if (pending.remove(wait.member().id(), wait)) {
            wait.done().complete(JoinResult.refused(code, null));
        }
    }

    /**
     * Removes {@code member} from this node's room at once (nothing more is relayed to or from it here);
     * the departure is {@link Departure#recorded() recorded} when Redis has run the leave (which tells the
     * other nodes {@code peer-left}), and fails when Redis did not confirm it ({@link RedisDirectory#leave}).
     */
    @Override
    Departure leave(Room room, Member member) {
        Member[][] remaining = {new Member[0]};
        boolean[] removed = {false};
        rooms.computeIfPresent(room.name(), (name, current) -> {
            if (current != room || !current.remove(member)) {
                return current;
            }
            removed[0] = true;
            locals.remove(member.id());
            remaining[0] = current.localMembers();
            return remaining[0].length == 0 ? null : current;
        });
        CompletableFuture<Void> recorded = removed[0] ? directory.leave(room.name(), member.id()) : RECORDED;
        return new Departure(remaining[0], recorded);
    }

    @Override
    void relayRemote(Room room, Member target, Object message) {
        byte[] json;
        if (message instanceof TextWebSocketFrame frame) {
            try {
                ByteBuf content = frame.content();
                boolean whole = content.hasArray() && content.arrayOffset() == 0 && content.readerIndex() == 0
                        && content.readableBytes() == content.array().length;
                json = whole ? content.array() : ByteBufUtil.getBytes(content);
            } finally {
                frame.release();
            }
        } else {
            json = codec.encodeToString((SignalingMessage) message).getBytes(StandardCharsets.UTF_8);
            ReferenceCountUtil.release(message);
        }
        directory.relay(target.node(), room.name(), target.id(), json);
    }

    /** This node's id in the cluster (also its id in the SFU placement). */
    String nodeId() {
        return directory.nodeId();
    }

    /** Sets where messages to this node's SFU go (once, before members join). */
    void sfuListener(SfuRelayListener listener) {
        this.sfuListener = listener;
    }

    /**
     * Sends {@code message} to {@code to} (a member, or an SFU target of {@link ClusterSfu}) of {@code room}
     * on {@code node}, through Redis, after what the calling thread relayed before.
     */
    void relayTo(String node, String room, String to, SignalingMessage message) {
        relayTo(node, room, to, codec.encodeToString(message).getBytes(StandardCharsets.UTF_8));
    }

    /** As above with the bytes to deliver. */
    void relayTo(String node, String room, String to, byte[] bytes) {
        directory.relay(node, room, to, bytes);
    }

    SignalingCodec codec() {
        return codec;
    }

    @Override
    String degradedReason() {
        return directory.degradedReason();
    }

    /** Relayed messages to other nodes that could not be sent. */
    long dropped() {
        return directory.dropped();
    }

    @Override
    int roomCount() {
        return rooms.size();
    }

    @Override
    Room room(String name) {
        return rooms.get(name);
    }

    @Override
    public void close() {
        directory.close();
    }

    // ---- DirectoryListener: the pub/sub thread, in Redis's order ----

    @Override
    public void welcome(String roomName, String peer, List<Peer> others, boolean sfu) {
        Pending wait = pending.remove(peer);
        String self = directory.nodeId();
        List<Member> added = new ArrayList<>();
        Member[][] before = {null};
        Room[] joined = {null};
        rooms.compute(roomName, (name, room) -> {
            if (room == null) {
                if (wait == null) {
                    return null; // a re-registered member that has left meanwhile
                }
                room = new Room(name, sfu);
            }
            for (Peer other : others) {
                if (!other.node().equals(self) && room.member(other.id()) == null) {
                    Member remote = new Member(other.id(), other.name(), null, other.node());
                    room.add(remote);
                    added.add(remote);
                }
            }
            if (wait != null) {
                before[0] = room.members();
                room.add(wait.member());
                locals.put(peer, new Local(room, wait.member()));
            }
            joined[0] = room;
            return room;
        });
        if (joined[0] != null) {
            // a joiner learns the others from its joined message; a re-registered member is told here
            String except = wait != null ? peer : null;
            for (Member remote : added) {
                announce(joined[0], new PeerJoined(remote.id(), remote.name()), except);
            }
        }
        if (wait != null) {
            if (joined[0] == null) {
                wait.done().complete(JoinResult.refused(ErrorCode.INTERNAL, "join failed; retry"));
            } else {
                wait.done().complete(new JoinResult(joined[0], wait.member(), before[0], null, null));
            }
        }
    }

    @Override
    public void peerJoined(String roomName, Peer peer) {
        Member remote = new Member(peer.id(), peer.name(), null, peer.node());
        Room[] changed = {null};
        rooms.computeIfPresent(roomName, (name, room) -> {
            if (room.member(peer.id()) == null) {
                room.add(remote);
                changed[0] = room;
            }
            return room;
        });
        if (changed[0] != null) {
            announce(changed[0], new PeerJoined(peer.id(), peer.name()), null);
        }
    }

    @Override
    public void peerLeft(String roomName, String peer) {
        Room[] changed = {null};
        rooms.computeIfPresent(roomName, (name, room) -> {
            Member member = room.member(peer);
            if (member != null && !member.isLocal() && room.remove(member)) {
                changed[0] = room;
            }
            return room;
        });
        if (changed[0] != null) {
            announce(changed[0], new PeerLeft(peer), null);
        }
    }

    /** Sends {@code event} to this node's members of {@code room}, except {@code except} (a peer id, may be null). */
    private void announce(Room room, SignalingMessage event, String except) {
        for (Member member : room.localMembers()) {
            if (!member.id().equals(except)) {
                deliver(member.channel(), event);
            }
        }
    }

    @Override
    public void relayed(String roomName, String to, byte[] batch, int offset, int length) {
        if (ClusterSfu.isSfuTarget(to)) {
            SfuRelayListener sfu = sfuListener;
            if (sfu != null) {
                sfu.relayed(roomName, to, batch, offset, length);
            }
            return;
        }
        Local local = locals.get(to);
        if (local == null || !local.room().name().equals(roomName)) {
            return; // it left this room after the sender's node sent the message: as on one node
        }
        deliver(local.member().channel(), new TextWebSocketFrame(Unpooled.wrappedBuffer(batch, offset, length)));
    }

    /** A slow receiver's backlog is its connection's {@link OutboundQueue}'s business, as on one node. */
    private void deliver(Channel channel, Object message) {
        inbound.add(channel, message);
    }

    @Override
    public void flush() {
        inbound.flush();
    }

    /** On the directory's thread: members on other nodes are out of reach; tell this node's members they left. */
    @Override
    public void remotesLost() {
        RelayBatch out = new RelayBatch(metrics);
        for (Room room : rooms.values()) {
            List<Member> gone = new ArrayList<>();
            rooms.computeIfPresent(room.name(), (name, current) -> {
                for (Member member : current.members()) {
                    if (!member.isLocal() && current.remove(member)) {
                        gone.add(member);
                    }
                }
                return current;
            });
            for (Member member : gone) {
                PeerLeft left = new PeerLeft(member.id());
                for (Member local : room.localMembers()) {
                    out.add(local.channel(), left);
                }
            }
        }
        out.flush();
    }

    @Override
    public List<Registration> localMembers() {
        List<Registration> members = new ArrayList<>(locals.size());
        for (Local local : locals.values()) {
            members.add(new Registration(local.room().name(), local.member().id(), local.member().name()));
        }
        return members;
    }
}
