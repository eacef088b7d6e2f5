package org.peerstack.signaling.server.sfu;

import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import org.peerstack.exc.ErrorCode;
import org.peerstack.exc.OperationException;
import org.peerstack.sfu.SfuPublisher;
import org.peerstack.sfu.SfuSubscriber;
import org.peerstack.signaling.SignalingMessage;
import org.peerstack.signaling.SignalingMessage.Answer;
import org.peerstack.signaling.SignalingMessage.Bye;
import org.peerstack.signaling.SignalingMessage.ErrorMessage;
import org.peerstack.signaling.SignalingMessage.Offer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One member of an SFU room and its two connections with the SFU (peer id {@value SfuRooms#PEER_ID}):
 * <ul>
 *   <li>the publish connection: the member's {@code offer} is answered by the SFU; a second offer while
 *       the publisher lives is refused ({@code sfu-refused}); {@code bye} closes it;</li>
 *   <li>the subscribe connection: made once another member publishes; the server sends an
 *       {@code offer} (with {@code streams}) whenever the tracks of other members come or go, at most
 *       one outstanding: changes meanwhile make one more offer after the member's {@code answer}. When
 *       it closes (the client closed its transport, e.g. after an offer that ended every track it
 *       received, or ICE consent expired) the member gets {@code bye} from "sfu"; the next offer starts
 *       a new subscribe connection.</li>
 * </ul>
 * The connection's event loop calls {@link #offer}, {@link #answer}, {@link #bye} and {@link #close};
 * everything runs on the bridge thread (see {@link SfuRooms}).
 */
public final class SfuRoomMember {

    private static final Logger LOG = LoggerFactory.getLogger(SfuRoomMember.class);

    private final SfuRooms rooms;
    private final String peerId;
    private final Consumer<SignalingMessage> out;
    // Bridge thread only from here on.
    private SfuRoomBridge bridge;
    private SfuPublisher publisher;
    /** A publish offer is with the SFU. */
    private boolean publishing;
    /** A bye came while publishing: close the publisher when it is made. */
    private boolean byeWhilePublishing;
    private SfuSubscriber subscriber;
    private boolean subscribing;
    /** An offer of the subscribe connection is being made or waits for the member's answer. */
    private boolean offerOutstanding;
    /** That offer has been sent: an answer is expected. */
    private boolean offerSent;
    /** Tracks changed while an offer was outstanding: offer again after the answer. */
    private boolean renegotiate;
    /** The subscriber closed while its offer waited for an answer: that answer is expected, and dropped. */
    private boolean answerToClosed;
    private boolean closed;

    SfuRoomMember(SfuRooms rooms, String peerId, Consumer<SignalingMessage> out) {
        this.rooms = rooms;
        this.peerId = peerId;
        this.out = out;
    }

    public String peerId() {
        return peerId;
    }

    /** A publish offer ({@code offer} to {@value SfuRooms#PEER_ID}). */
    public void offer(String sdp) {
        rooms.execute(() -> publish(sdp));
    }

    /** The answer to the SFU's last offer of the subscribe connection. */
    public void answer(String sdp) {
        rooms.execute(() -> applyAnswer(sdp));
    }

    /** {@code bye} to {@value SfuRooms#PEER_ID}: stop publishing. */
    public void bye() {
        rooms.execute(this::stopPublishing);
    }

    /** The member left the room or disconnected: both connections close. Idempotent. */
    public void close() {
        rooms.execute(() -> {
            if (!closed) {
                closeConnections();
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
        if (bridge.hasTracksNotOf(peerId)) {
            subscribe();
        }
    }

    /**
     * Another member's publisher went live or closed (the SFU has already added or ended its tracks at
     * this member's subscriber): offer again. The room drives renegotiation, not the subscriber's
     * negotiationneeded event, which may arrive after an offer that already had the change.
     */
    void othersChanged() {
        if (subscriber == null) {
            subscribe();
        } else {
            negotiate();
        }
    }

    /** The SFU room closed under the member (server shutdown). */
    void roomClosed() {
        closeConnections();
    }

    private void publish(String sdp) {
        if (closed || bridge == null) {
            return;
        }
        if (publisher != null || publishing) {
            refuse("offer", "renegotiating a publish connection is not supported; send bye to \"sfu\" and publish again");
            return;
        }
        publishing = true;
        byeWhilePublishing = false;
        bridge.room().publish(sdp, peerId).whenCompleteAsync((p, error) -> {
            publishing = false;
            if (error != null) {
                refuse("offer", reason(error));
                return;
            }
            if (closed || byeWhilePublishing) {
                p.close();
                return;
            }
            publisher = p;
            p.addEventListener(SfuPublisher.CLOSE, e -> rooms.execute(() -> publisherClosed(p)));
            rooms.metrics().publisherAdded(bridge.name(), peerId, p);
            out.accept(new Answer(peerId, SfuRooms.PEER_ID, p.answer()));
            bridge.published(this, p);
        }, rooms.executor());
    }

    private void publisherClosed(SfuPublisher p) {
        if (bridge != null) {
            bridge.unpublished(this, p);
            rooms.metrics().publisherRemoved(bridge.name(), peerId, p);
        }
        if (publisher == p) {
            publisher = null;
        }
    }

    private void stopPublishing() {
        if (publisher != null) {
            publisher.close(); // its CLOSE event clears it; the others get an offer without its tracks
        } else if (publishing) {
            byeWhilePublishing = true;
        }
    }

    private void subscribe() {
        if (closed || subscribing || subscriber != null) {
            return;
        }
        subscribing = true;
        answerToClosed = false;
        bridge.room().subscribeFor(peerId).whenCompleteAsync((s, error) -> {
            subscribing = false;
            if (error != null) { // e.g. too-many-peers: the client hears it; the next change tries again
                refuse(null, "the SFU cannot make your subscribe connection: " + reason(error));
                return;
            }
            if (closed) {
                s.close();
                return;
            }
            subscriber = s;
            s.addEventListener(SfuSubscriber.CLOSE, e -> rooms.execute(() -> subscriberClosed(s)));
            rooms.metrics().subscriberAdded(bridge.name(), peerId, s);
            negotiate();
        }, rooms.executor());
    }

    /** Sends the subscribe connection's next offer, or remembers to once the outstanding one is answered. */
    private void negotiate() {
        if (closed || subscriber == null) {
            return;
        }
        if (offerOutstanding) {
            renegotiate = true;
            return;
        }
        offerOutstanding = true;
        renegotiate = false;
        SfuSubscriber s = subscriber;
        s.createOffer().whenCompleteAsync((sdp, error) -> {
            if (closed || subscriber != s) {
                return;
            }
            if (error != null) { // nothing to offer (every other publisher left meanwhile) or closed
                offerOutstanding = false;
                LOG.atDebug().setMessage("no subscribe offer").addKeyValue("peer", peerId)
                        .addKeyValue("reason", reason(error)).log();
                return;
            }
            offerSent = true;
            out.accept(new Offer(peerId, SfuRooms.PEER_ID, sdp, bridge.streams(sdp)));
        }, rooms.executor());
    }

    private void applyAnswer(String sdp) {
        if (closed || bridge == null) {
            return;
        }
        if (subscriber == null && answerToClosed) {
            answerToClosed = false; // e.g. the offer ended every track: the client closed the transport first
            return;
        }
        if (subscriber == null || !offerSent) {
            refuse("answer", "no offer from \"sfu\" is waiting for an answer");
            return;
        }
        SfuSubscriber s = subscriber;
        offerSent = false; // one answer per offer; a bad one may be sent again
        s.setAnswer(sdp).whenCompleteAsync((ignored, error) -> {
            if (closed || subscriber != s) {
                return;
            }
            if (error != null) {
                offerSent = true; // the offer still waits for a valid answer
                refuse("answer", reason(error));
                return;
            }
            offerOutstanding = false;
            if (renegotiate) {
                negotiate();
            }
        }, rooms.executor());
    }

    private void subscriberClosed(SfuSubscriber s) {
        if (bridge != null) {
            rooms.metrics().subscriberRemoved(bridge.name(), peerId, s);
        }
        if (subscriber != s) {
            return;
        }
        // The client closed it (an offer that ended every track it received makes libwebrtc close the
        // transport) or ICE consent expired: a new subscribe connection is made when tracks come next.
        answerToClosed = offerSent;
        subscriber = null;
        offerOutstanding = false;
        offerSent = false;
        renegotiate = false;
        if (!closed) { // the client starts a new subscribe connection with the next offer from "sfu"
            out.accept(new Bye(peerId, SfuRooms.PEER_ID));
        }
    }

    private void closeConnections() {
        closed = true;
        if (publisher != null) {
            publisher.close();
        }
        if (subscriber != null) {
            subscriber.close();
        }
        if (bridge != null) {
            rooms.metrics().peerLeft(bridge.name(), peerId);
        }
    }

    private void refuse(String ref, String text) {
        out.accept(new ErrorMessage(ErrorCode.SFU_REFUSED, text, ref));
    }

    /** The SFU's reason: its error detail (sdp-syntax-error, no-media, too-many-peers) and message. */
    private static String reason(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
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
