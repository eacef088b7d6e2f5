package org.peerstack.signaling.server.sfu;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.peerstack.exc.ErrorCode;
import org.peerstack.sfu.SfuRoom;
import org.peerstack.sfu.SfuServer;
import org.peerstack.signaling.SignalingMessage;
import org.peerstack.signaling.SignalingMessage.ErrorMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SFU rooms of one signaling server, over its {@link SfuServer}: which room names are SFU rooms
 * ({@code sfu.rooms}), the member limit ({@code sfu.max-members-per-room}), and one
 * {@link SfuRoomBridge} per live SFU room.
 *
 * <p>Threads: the signaling event loops call {@link #join} and the {@link SfuRoomMember} methods; the
 * work runs on one thread of its own ({@value #THREAD_NAME}), where the SFU's futures and events are
 * handled too, so the state of rooms and members is confined to that thread and SFU events are seen
 * in the order they happened. Messages to clients are written from that thread to their channels.
 */
public final class SfuRooms implements AutoCloseable {

    /** The peer id of the server in SFU rooms; generated peer ids (12 characters) never equal it. */
    public static final String PEER_ID = "sfu";
    /** Name of the thread that runs the SFU rooms' signaling. */
    public static final String THREAD_NAME = "peerstack-sfu-rooms";

    private static final Logger LOG = LoggerFactory.getLogger(SfuRooms.class);

    private final SfuServer sfu;
    private final RoomGlobs globs;
    private final int maxMembersPerRoom;
    private final SfuRoomMetrics metrics;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, THREAD_NAME);
        t.setDaemon(true);
        return t;
    });
    /** Bridge thread only. Keyed by the signaling room object: a room re-created under the same name is another key. */
    private final Map<Object, SfuRoomBridge> rooms = new HashMap<>();
    private long nextRoom;
    /** Told of every SFU room created, with its signaling name (passthrough recording); never null. */
    private volatile java.util.function.BiConsumer<SfuRoom, String> onRoom = (room, name) -> { };

    /**
     * @param sfu               the server's SFU (not closed by {@link #close()})
     * @param globs             {@code sfu.rooms}
     * @param maxMembersPerRoom {@code sfu.max-members-per-room}
     * @param metrics           where per-room and per-peer series are registered
     */
    public SfuRooms(SfuServer sfu, List<String> globs, int maxMembersPerRoom, SfuRoomMetrics metrics) {
        this.sfu = sfu;
        this.globs = new RoomGlobs(globs);
        this.maxMembersPerRoom = maxMembersPerRoom;
        this.metrics = metrics;
    }

    /** Whether a room named {@code room} is an SFU room when a join creates it ({@code sfu.rooms}). */
    public boolean matches(String room) {
        return globs.matches(room);
    }

    /** Calls {@code listener} (on the bridge thread) with each SFU room created and its signaling room name. */
    public void onRoom(java.util.function.BiConsumer<SfuRoom, String> listener) {
        this.onRoom = java.util.Objects.requireNonNull(listener, "listener");
    }

    public int maxMembersPerRoom() {
        return maxMembersPerRoom;
    }

    /**
     * Adds a member that has joined the SFU room {@code roomKey} (and received its {@code joined}).
     *
     * @param roomKey  identifies the signaling room (the same object for every member of one room)
     * @param roomName the room's name (metrics, logs)
     * @param peerId   the member's peer id
     * @param out      sends a message to the member (called on the bridge thread)
     * @return the member, to which the connection hands its messages to {@value #PEER_ID}
     */
    public SfuRoomMember join(Object roomKey, String roomName, String peerId, Consumer<SignalingMessage> out) {
        SfuRoomMember member = new SfuRoomMember(this, peerId, out);
        execute(() -> {
            SfuRoomBridge bridge = rooms.get(roomKey);
            if (bridge == null) {
                SfuRoom room;
                try {
                    room = sfu.room("signaling-" + (nextRoom++));
                } catch (RuntimeException e) { // the SFU is closed: the server is shutting down
                    out.accept(new ErrorMessage(ErrorCode.SFU_UNAVAILABLE, "the SFU is not available: " + e.getMessage(), "join"));
                    return;
                }
                onRoom.accept(room, roomName);
                bridge = new SfuRoomBridge(this, roomKey, roomName, room);
                rooms.put(roomKey, bridge);
            }
            member.attach(bridge);
        });
        return member;
    }

    /** The live SFU rooms (tests, metrics). Bridge thread only. */
    int roomCount() {
        return rooms.size();
    }

    void forget(SfuRoomBridge bridge) {
        rooms.remove(bridge.key(), bridge);
    }

    SfuRoomMetrics metrics() {
        return metrics;
    }

    /** Runs {@code task} on the bridge thread; a failure is logged, never lost silently. */
    void execute(Runnable task) {
        try {
            executor.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.warn("SFU room task failed", e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("SFU rooms closed; task dropped");
        }
    }

    java.util.concurrent.Executor executor() {
        return this::execute;
    }

    /** Closes every SFU room (their peers end) and stops the bridge thread. Idempotent. */
    @Override
    public void close() {
        execute(() -> {
            for (SfuRoomBridge bridge : List.copyOf(rooms.values())) {
                bridge.close();
            }
            rooms.clear();
        });
        executor.shutdown();
        metrics.close();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
