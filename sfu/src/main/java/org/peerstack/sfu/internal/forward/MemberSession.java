package org.peerstack.sfu.internal.forward;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.peerstack.exc.InvalidStateException;
import org.peerstack.exc.OperationException;
import org.peerstack.sfu.internal.sdp.MediaDescription;
import org.peerstack.sfu.internal.sdp.SessionDescription;

/**
 * A room member's single connection with the SFU: one ICE/DTLS/SRTP transport (BUNDLE, rtcp-mux) that
 * carries the m-lines the member publishes on (recvonly at the SFU, {@link PublisherSession}) and the
 * m-lines of every track it receives (sendonly at the SFU, {@link SubscriberSession}), renegotiated
 * whichever side has something new, as in W3C "perfect negotiation" with the SFU impolite:
 * <ul>
 *   <li>{@link #acceptOffer}: the member's offer (it publishes, stops or publishes again) is answered,
 *       m-line for m-line in its order; refused with "glare" while an offer of the SFU waits for its
 *       answer (the member, polite, rolls back and answers that offer instead);</li>
 *   <li>{@link #createOffer}/{@link #setAnswer}: the SFU's offer when tracks of others came or went; at
 *       most one outstanding. The m-lines keep their order and mids; new ones are appended, and an ended
 *       track's m-line ({@code inactive}) carries the next track of its kind.</li>
 * </ul>
 * A member that never publishes only ever answers. The transport joins the media engine with the first
 * negotiation. I/O thread only.
 */
public final class MemberSession implements PeerTransport.MediaHandler {

    private final MediaEngine engine;
    private final String id;
    private final RoomState room;
    private final SessionEvents events;
    private final PeerTransport transport;
    private final PublisherSession publisher;
    private final SubscriberSession subscriber;
    /** The mids of the negotiated m-lines, in m-line order. */
    private final List<String> order = new ArrayList<>();
    private final long sessionId;
    private int version = 1;
    /** The SFU's DTLS role once the first negotiation set it (true: client), else null. */
    private Boolean dtlsClient;
    private boolean offerOutstanding;
    private boolean registered;
    private boolean closed;

    MemberSession(MediaEngine engine, String id, RoomState room, SessionEvents events) {
        this.engine = engine;
        this.id = id;
        this.room = room;
        this.events = events;
        this.transport = new PeerTransport(engine, this);
        SessionEvents parts = new SessionEvents() {
            @Override
            public void connected() {
                // reported once by the member
            }

            @Override
            public void closed(String reason) {
                // reported once by the member
            }

            @Override
            public void negotiationNeeded() {
                if (!offerOutstanding && !closed) {
                    events.negotiationNeeded();
                }
            }
        };
        this.publisher = new PublisherSession(engine, id + "-p", room, parts, transport);
        this.subscriber = new SubscriberSession(engine, id, room, parts, transport);
        this.sessionId = Integer.toUnsignedLong(engine.random().nextInt());
    }

    public String id() {
        return id;
    }

    PublisherSession publisher() {
        return publisher;
    }

    public SubscriberSession subscriber() {
        return subscriber;
    }

    /**
     * Answers the member's offer. No negotiationneeded is reported for changes made meanwhile (the answer
     * must reach the member first): the caller asks {@link #negotiationNeeded()} once it sent the answer.
     * Fails "glare" while the SFU's own offer is outstanding, and
     * "sdp-syntax-error" / "no-media" like a publisher's offer.
     */
    public String acceptOffer(String offerSdp) {
        checkOpen();
        if (offerOutstanding) {
            throw new OperationException("glare", "The SFU's offer is waiting for your answer: roll back and answer it");
        }
        SessionDescription offer = SessionDescription.parse(offerSdp);
        RemoteTransport remote = RemoteTransport.ofOffer(offer, engine, dtlsClient);
        List<String> mids = new ArrayList<>();
        for (MediaDescription m : offer.media()) {
            if (m.mid() == null) {
                throw new OperationException("sdp-syntax-error", "Invalid SDP: every m-line needs a=mid (BUNDLE)");
            }
            mids.add(m.mid());
        }
        if (!mids.subList(0, Math.min(order.size(), mids.size())).equals(order)) {
            throw new OperationException("sdp-syntax-error", "Invalid SDP: the offer must keep the negotiated m-lines "
                    + order + " in their order (RFC 8829 §5.2.2), got " + mids);
        }
        for (MediaDescription m : offer.media()) {
            if (slot(m.mid()) != null && m.port() != 0
                    && (m.direction().equals("sendrecv") || m.direction().equals("sendonly"))) {
                throw new OperationException("send-on-received-m-line", "The offer sends on m-line " + m.mid()
                        + ", which carries a track you receive from the SFU: publish on a transceiver of your own"
                        + " (addTransceiver(track, {direction: 'sendonly'}); addTrack reuses received m-lines)");
            }
        }
        register(); // fails "too-many-peers" before anything changed
        String setup = remote.localSetup();
        List<String> media = new ArrayList<>();
        List<String> bundle = new ArrayList<>();
        for (MediaDescription m : offer.media()) {
            ForwardedTrack slot = slot(m.mid());
            if (slot != null) {
                SlotLines.write(media, bundle, slot, subscriber, setup, true);
                if (slot.state == ForwardedTrack.State.REMOVED) {
                    subscriber.reuseLater(slot); // this answer ends it for good
                }
            } else {
                publisher.answerMedia(m).write(media, bundle, transport, engine, setup);
            }
        }
        if (bundle.isEmpty()) {
            throw new OperationException("no-media", "The offer has no audio or video the SFU can forward or send (opus, VP8, VP9, H264)");
        }
        order.clear();
        order.addAll(mids);
        for (PublishedTrack t : publisher.tracks()) {
            subscriber.payloadTypes().reserve(t.codec.payloadType(), t.codec.upperName() + "/" + t.codec.clockRate() + "/" + t.codec.fmtp());
            if (t.codec.rtxPayloadType() >= 0) {
                subscriber.payloadTypes().reserve(t.codec.rtxPayloadType(), "RTX/" + t.codec.payloadType());
            }
        }
        remote.configure(transport);
        dtlsClient = remote.weAreClient();
        List<PublishedTrack> added = publisher.takeAdded();
        if (!publisher.tracks().isEmpty()) {
            publisher.start();
        }
        room.tracksAdded(publisher, added);
        return session(bundle, media);
    }

    /** Whether the SFU should offer now: tracks of others came or went since its last offer, and none is outstanding. */
    public boolean negotiationNeeded() {
        return !closed && !offerOutstanding && subscriber.negotiationNeeded();
    }

    /**
     * The SFU's offer: every negotiated m-line in its order (the member's own recvonly, or inactive once
     * it stopped sending; the tracks it receives sendonly, ended ones inactive), then new ones. Fails
     * with {@link InvalidStateException} while an offer is outstanding or when there is nothing to offer.
     */
    public String createOffer() {
        checkOpen();
        if (offerOutstanding) {
            throw new InvalidStateException("An offer of the SFU is already waiting for the member's answer");
        }
        if (subscriber.slots().isEmpty() && order.isEmpty()) {
            throw new InvalidStateException("There is nothing to offer yet: no track is published in the room");
        }
        register(); // fails "too-many-peers" before anything changed
        String setup = dtlsClient == null ? "actpass" : RemoteTransport.setupFor(dtlsClient);
        List<String> media = new ArrayList<>();
        List<String> bundle = new ArrayList<>();
        for (String mid : order) {
            ForwardedTrack slot = subscriber.slots().stream().filter(s -> s.mid.equals(mid)).findFirst().orElse(null);
            if (slot != null) {
                subscriber.writeOffered(slot, media, bundle, setup);
            } else if (publisher.section(mid) != null) {
                publisher.section(mid).write(media, bundle, transport, engine, setup);
            }
        }
        for (ForwardedTrack slot : subscriber.slots()) {
            if (!order.contains(slot.mid)) {
                subscriber.writeOffered(slot, media, bundle, setup);
                order.add(slot.mid);
            }
        }
        if (bundle.isEmpty()) {
            throw new InvalidStateException("There is nothing to offer yet: no track is published in the room");
        }
        subscriber.offered();
        offerOutstanding = true;
        return session(bundle, media);
    }

    /** Applies the member's answer to the SFU's offer. */
    public void setAnswer(String answerSdp) {
        checkOpen();
        if (!offerOutstanding) {
            throw new InvalidStateException("No offer of the SFU is waiting for an answer");
        }
        SessionDescription answer = SessionDescription.parse(answerSdp);
        if (dtlsClient == null) {
            RemoteTransport remote = RemoteTransport.ofAnswer(answer);
            remote.configure(transport);
            dtlsClient = remote.weAreClient();
        }
        subscriber.applyAnswer(answer);
        offerOutstanding = false;
        if (negotiationNeeded()) {
            events.negotiationNeeded(); // tracks came or went while the offer was out
        }
    }

    /** Stream ids of what the member receives now, each with the owner key of its publisher. */
    public Map<String, String> streamOwners() {
        Map<String, String> owners = new LinkedHashMap<>();
        for (ForwardedTrack slot : subscriber.slots()) {
            if (slot.state != ForwardedTrack.State.REMOVED) {
                String owner = room.ownerOfPublisher(slot.source.info.publisherId());
                if (owner != null) {
                    owners.put(slot.source.info.streamId(), owner);
                }
            }
        }
        return owners;
    }

    /** The tracks the member publishes now. */
    public List<org.peerstack.sfu.SfuTrack> published() {
        return publisher.trackInfos();
    }

    public boolean isClosed() {
        return closed;
    }

    /** Closes the connection (DTLS close_notify); its tracks end. */
    public void close(String reason) {
        transport.close(reason); // reports onTransportClosed, registered or not
    }

    /** This connection's counters now. */
    public org.peerstack.sfu.SfuPeerStats stats() {
        return transport.counters.snapshot();
    }

    /** The SFU's m-line to this member with {@code mid}, offered at least once, or null. */
    private ForwardedTrack slot(String mid) {
        for (ForwardedTrack s : subscriber.slots()) {
            if (s.mid.equals(mid) && s.state != ForwardedTrack.State.PENDING) {
                return s;
            }
        }
        return null;
    }

    private String session(List<String> bundle, List<String> media) {
        List<String> lines = new ArrayList<>();
        SdpLines.session(lines, sessionId, ++version, bundle);
        lines.addAll(media);
        return String.join("\r\n", lines) + "\r\n";
    }

    private void register() {
        if (!registered) {
            engine.register(transport);
            registered = true;
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new InvalidStateException("The member's connection is closed");
        }
    }

    @Override
    public void onRtp(byte[] b, int off, int len, long nowNanos) {
        publisher.onRtp(b, off, len, nowNanos);
    }

    @Override
    public void onRtcp(byte[] b, int off, int len, long nowNanos) {
        publisher.onRtcp(b, off, len, nowNanos);
        subscriber.onRtcp(b, off, len, nowNanos);
    }

    @Override
    public void onConnected(long nowNanos) {
        publisher.onConnected(nowNanos);
        subscriber.onConnected(nowNanos);
        events.connected();
    }

    @Override
    public void onTransportClosed(String reason) {
        if (closed) {
            return;
        }
        closed = true;
        publisher.onTransportClosed(reason);
        subscriber.onTransportClosed(reason);
        events.closed(reason);
    }
}
