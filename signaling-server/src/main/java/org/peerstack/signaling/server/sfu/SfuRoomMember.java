package org.peerstack.signaling.server.sfu;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import org.peerstack.exc.ErrorCode;
import org.peerstack.exc.OperationException;
import org.peerstack.sfu.SfuMember;
import org.peerstack.sfu.SfuOffer;
import org.peerstack.sfu.SfuTrack;
import org.peerstack.signaling.SignalingMessage;
import org.peerstack.signaling.SignalingMessage.Answer;
import org.peerstack.signaling.SignalingMessage.Bye;
import org.peerstack.signaling.SignalingMessage.ErrorMessage;
import org.peerstack.signaling.SignalingMessage.Offer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One member of an SFU room and its single peer connection with the SFU (peer id {@value SfuRooms#PEER_ID}),
 * carrying what it publishes and every track of the others, negotiated as W3C "perfect negotiation" with
 * the server impolite and the member polite:
 * <ul>
 *   <li>the member's {@code offer} (it publishes, stops, publishes again) is answered; while an offer of
 *       the server waits for the member's answer, a member's offer is glare and ignored (the member rolls
 *       back, answers, and offers again);</li>
 *   <li>the server sends an {@code offer} (with {@code streams}) whenever the tracks of others come or go,
 *       at most one outstanding: changes meanwhile make one more offer after the member's {@code answer}
 *       (and after each answer of the server). A member that never publishes only ever answers.</li>
 *   <li>{@code bye} to "sfu" closes the connection; when it closes otherwise (the client closed it, ICE
 *       consent expired) the member gets {@code bye} from "sfu". The next offer of either side starts a
 *       new connection.</li>
 * </ul>
 * The connection's event loop calls {@link #offer}, {@link #answer}, {@link #bye} and {@link #close};
 * everything runs on the bridge thread (see {@link SfuRooms}).
 */
public final class SfuRoomMember {

    private static final Logger LOG = LoggerFactory.getLogger(SfuRoomMember.class);
    private static final String MAX_RESOLUTION = "max-resolution";
    /** How much of an unknown track id the {@code unknown-track} error quotes. */
    static final int SHOWN_TRACK_CHARS = 64;

    private final SfuRooms rooms;
    private final String peerId;
    private final Consumer<SignalingMessage> out;
    // Bridge thread only from here on.
    private SfuRoomBridge bridge;
    /** The member's connection once joined (a new one after it closed). */
    private SfuMember member;
    private boolean joining;
    /** What waits for the join under way (the member's offer). */
    private final List<Consumer<SfuMember>> waiting = new ArrayList<>();
    /** An offer of the server has been sent: an answer is expected. */
    private boolean offerSent;
    /** The connection closed while its offer waited for an answer: that answer is expected, and dropped. */
    private boolean answerToClosed;
    /** The connection the member hung up with {@code bye}, until its CLOSE event clears {@link #member}. */
    private SfuMember hungUp;
    private boolean closed;

    SfuRoomMember(SfuRooms rooms, String peerId, Consumer<SignalingMessage> out) {
        this.rooms = rooms;
        this.peerId = peerId;
        this.out = out;
    }

    public String peerId() {
        return peerId;
    }

    /** The member's offer ({@code offer} to {@value SfuRooms#PEER_ID}). */
    public void offer(String sdp) {
        rooms.execute(() -> withMember(m -> acceptOffer(m, sdp)));
    }

    /** The answer to the server's last offer. */
    public void answer(String sdp) {
        rooms.execute(() -> applyAnswer(sdp));
    }

    /** {@code bye} to {@value SfuRooms#PEER_ID}: the member hangs up its connection with the SFU. */
    public void bye() {
        rooms.execute(() -> {
            if (member != null) {
                hungUp = member; // an answer to its last offer may still come: it is not an error
                member.close(); // its CLOSE event clears it; the others get an offer without its tracks
            }
        });
    }

    /**
     * {@code max-resolution} to {@value SfuRooms#PEER_ID}: limits the received video track whose {@code a=msid}
     * track id is {@code track} to {@code width x height}, or lifts the limit when both are null (checked by
     * the message). A track the member does not receive gets the error {@code unknown-track}.
     */
    public void maxResolution(String track, Integer width, Integer height) {
        rooms.execute(() -> {
            if (closed) {
                return; // the member left: nobody to answer
            }
            SfuMember m = member;
            if (bridge == null || m == null) { // no connection yet (or between two): nothing is received
                unknownTrack(track);
                return;
            }
            bridge.room().tracks().thenCompose(tracks -> {
                List<CompletableFuture<Boolean>> applied = new ArrayList<>();
                for (SfuTrack t : tracks) {
                    if (t.isVideo() && t.trackId().equals(track)) { // the member's own tracks fail: not received
                        CompletableFuture<Void> set = width == null ? m.clearMaxResolution(t.id())
                                : m.setMaxResolution(t.id(), width, height);
                        applied.add(set.handle((ok, error) -> error == null));
                    }
                }
                return CompletableFuture.allOf(applied.toArray(CompletableFuture[]::new))
                        .thenApply(done -> applied.stream().anyMatch(CompletableFuture::join));
            }).whenCompleteAsync((received, error) -> {
                if (error != null) {
                    LOG.atDebug().setMessage("max-resolution not applied").addKeyValue("peer", peerId)
                            .addKeyValue("reason", reason(error)).log();
                    out.accept(new ErrorMessage(ErrorCode.INTERNAL, "the SFU could not apply max-resolution: "
                            + reason(error), MAX_RESOLUTION));
                } else if (!received) {
                    unknownTrack(track);
                }
            }, rooms.executor());
        });
    }

    private void unknownTrack(String track) {
        String shown = track.length() > SHOWN_TRACK_CHARS ? track.substring(0, SHOWN_TRACK_CHARS) + "..." : track;
        out.accept(new ErrorMessage(ErrorCode.UNKNOWN_TRACK, "you receive no video track '" + shown
                + "' from \"" + SfuRooms.PEER_ID + "\" (the track id of a=msid in its offer)", MAX_RESOLUTION));
    }

    /** The member left the room or disconnected: its connection closes. Idempotent. */
    public void close() {
        rooms.execute(() -> {
            if (!closed) {
                closeConnection();
                if (bridge != null) {
                    bridge.remove(this);
                }
            }
        });
    }

    void attach(SfuRoomBridge bridge) {
        if (closed) {
            return;
        }
        this.bridge = bridge;
        bridge.add(this);
        rooms.metrics().peerJoined(bridge.name(), peerId);
        join(null);
    }

    /** The SFU room closed under the member (server shutdown). */
    void roomClosed() {
        closeConnection();
    }

    /** Runs {@code action} with the member's connection, joining the SFU room first when it has none. */
    private void withMember(Consumer<SfuMember> action) {
        if (closed || bridge == null) {
            return;
        }
        if (member != null) {
            action.accept(member);
        } else {
            join(action);
        }
    }

    private void join(Consumer<SfuMember> then) {
        if (then != null) {
            waiting.add(then);
        }
        if (joining) {
            return; // runs once the join completes
        }
        joining = true;
        bridge.room().join(peerId).whenCompleteAsync((m, error) -> {
            joining = false;
            List<Consumer<SfuMember>> actions = List.copyOf(waiting);
            waiting.clear();
            if (error != null) { // e.g. the room closed: the client hears it
                refuse(null, "the SFU cannot make your connection: " + reason(error));
                return;
            }
            if (closed) {
                m.close();
                return;
            }
            member = m;
            m.addEventListener(SfuMember.NEGOTIATION_NEEDED, e -> rooms.execute(() -> negotiate(m)));
            m.addEventListener(SfuMember.CLOSE, e -> rooms.execute(() -> memberClosed(m)));
            rooms.metrics().memberAdded(bridge.name(), peerId, m);
            actions.forEach(a -> a.accept(m));
            negotiate(m); // tracks of others may be there already
        }, rooms.executor());
    }

    private void acceptOffer(SfuMember m, String sdp) {
        m.acceptOffer(sdp).whenCompleteAsync((answer, error) -> {
            if (closed || member != m) {
                return;
            }
            if (error == null) {
                out.accept(new Answer(peerId, SfuRooms.PEER_ID, answer));
                negotiate(m); // after the answer: tracks of others that came meanwhile
            } else if (cause(error) instanceof OperationException op && op.errorDetail().equals("glare")) {
                LOG.atDebug().setMessage("offer ignored: glare").addKeyValue("peer", peerId).log(); // the member rolls back
            } else {
                refuse("offer", reason(error));
            }
        }, rooms.executor());
    }

    /** Sends the server's next offer if tracks of others came or went and none is outstanding. */
    private void negotiate(SfuMember m) {
        if (closed || member != m || offerSent) {
            return;
        }
        m.createOfferIfNeeded().whenCompleteAsync((offer, error) -> {
            if (closed || member != m) {
                return;
            }
            if (error != null) {
                LOG.atDebug().setMessage("no offer").addKeyValue("peer", peerId).addKeyValue("reason", reason(error)).log();
                return;
            }
            if (offer.isPresent()) {
                SfuOffer o = offer.get();
                offerSent = true;
                out.accept(new Offer(peerId, SfuRooms.PEER_ID, o.sdp(), o.streamOwners()));
            }
        }, rooms.executor());
    }

    private void applyAnswer(String sdp) {
        if (closed || bridge == null) {
            return;
        }
        if (answerToClosed) {
            // The connection closed while an offer was out. A member answers offers in the order they came,
            // and that offer came before the bye and the offer of its new connection: this answer is that
            // offer's, even when the new connection exists already (then its offer may be out too).
            answerToClosed = false;
            return;
        }
        if (member != null && member == hungUp && offerSent) {
            offerSent = false; // the answer to an offer on the connection the member just hung up
            return;
        }
        if (member == null || !offerSent) {
            refuse("answer", "no offer from \"sfu\" is waiting for an answer");
            return;
        }
        SfuMember m = member;
        offerSent = false; // one answer per offer; a bad one may be sent again
        m.setAnswer(sdp).whenCompleteAsync((ignored, error) -> {
            if (closed || member != m) {
                return;
            }
            if (error != null) {
                offerSent = true; // the offer still waits for a valid answer
                refuse("answer", reason(error));
                return;
            }
            negotiate(m);
        }, rooms.executor());
    }

    private void memberClosed(SfuMember m) {
        if (hungUp == m) {
            hungUp = null;
        }
        if (bridge != null) {
            rooms.metrics().memberRemoved(bridge.name(), peerId, m);
        }
        if (member != m) {
            return;
        }
        answerToClosed = offerSent;
        member = null;
        offerSent = false;
        if (!closed) { // a new connection starts with the next offer of either side
            out.accept(new Bye(peerId, SfuRooms.PEER_ID));
            join(null);
        }
    }

    private void closeConnection() {
        closed = true;
        if (member != null) {
            member.close();
        }
        if (bridge != null) {
            rooms.metrics().peerLeft(bridge.name(), peerId);
        }
    }

    private void refuse(String ref, String text) {
        out.accept(new ErrorMessage(ErrorCode.SFU_REFUSED, text, ref));
    }

    private static Throwable cause(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    /** The SFU's reason: its error detail (sdp-syntax-error, no-media, too-many-peers) and message. */
    private static String reason(Throwable error) {
        Throwable cause = cause(error);
        if (cause instanceof OperationException op) {
            return op.errorDetail() + ": " + op.getMessage();
        }
        return String.valueOf(cause.getMessage());
    }

    @Override
    public String toString() {
        return "SfuRoomMember[" + peerId + "]";
    }
}
