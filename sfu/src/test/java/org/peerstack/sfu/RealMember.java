package org.peerstack.sfu;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.peerstack.exc.OperationException;
import org.peerstack.media.MediaStreamTrack;
import org.peerstack.media.VideoSink;
import org.peerstack.rtc.PerfectNegotiation;
import org.peerstack.rtc.RTCPeerConnection;
import org.peerstack.rtc.RTCSdpType;
import org.peerstack.rtc.RTCSessionDescription;

/**
 * A room member's side of its single connection with the SFU, as a signaling server and a client would
 * drive it: the libwebrtc peer connection negotiates with W3C perfect negotiation as the polite peer
 * (peerstack's {@link PerfectNegotiation}), the SFU's {@link SfuMember} is the impolite one. The
 * "signaling" is one thread, so messages keep their order (as on a WebSocket). Counts decoded frames by
 * size and the offers the member made.
 */
final class RealMember implements AutoCloseable {

    final RTCPeerConnection pc;
    final SfuMember sfu;
    final PerfectNegotiation negotiation;
    private final ExecutorService signaling = Executors.newSingleThreadExecutor(r -> new Thread(r, "test-signaling"));
    /** Offers this member made (a member that never publishes must make none). */
    final AtomicInteger offersMade = new AtomicInteger();
    /** Offers of the member refused as glare (it then answers the SFU's offer and offers again). */
    final AtomicInteger glares = new AtomicInteger();
    /** Decoded frames by "WxH". */
    final Map<String, AtomicLong> frames = new ConcurrentHashMap<>();
    private final Set<String> attached = ConcurrentHashMap.newKeySet();
    volatile Throwable failure;

    RealMember(RTCPeerConnection pc, SfuMember sfu) {
        this.pc = pc;
        this.sfu = sfu;
        this.negotiation = PerfectNegotiation.attach(pc, true, this::toSfu, candidate -> {
            // the SFU is ICE-lite: it learns the member's address from its checks
        });
        negotiation.addEventListener(PerfectNegotiation.ERROR, e -> failure = e.error());
        sfu.addEventListener(SfuMember.NEGOTIATION_NEEDED, e -> signaling.execute(this::offerIfNeeded));
        pc.addEventListener(RTCPeerConnection.TRACK, e -> attach(e.track()));
    }

    long frames(int width, int height) {
        AtomicLong n = frames.get(width + "x" + height);
        return n == null ? 0 : n.get();
    }

    private void toSfu(RTCSessionDescription d) {
        signaling.execute(() -> {
            if (d.type() == RTCSdpType.OFFER) {
                offersMade.incrementAndGet();
                sfu.acceptOffer(d.sdp()).whenCompleteAsync((answer, error) -> {
                    if (error == null) {
                        negotiation.onRemoteDescription(RTCSessionDescription.answer(answer));
                        offerIfNeeded(); // after the answer: tracks of others may have come meanwhile
                    } else if (cause(error) instanceof OperationException op && op.errorDetail().equals("glare")) {
                        glares.incrementAndGet(); // the SFU's offer is on its way: we roll back and answer it
                    } else {
                        failure = error;
                    }
                }, signaling);
            } else {
                sfu.setAnswer(d.sdp()).whenComplete((v, error) -> {
                    if (error != null) {
                        failure = error;
                    }
                });
            }
        });
    }

    private void offerIfNeeded() {
        sfu.createOfferIfNeeded().whenCompleteAsync((offer, error) -> {
            if (error != null) {
                failure = error;
            } else if (offer.isPresent() && !pc.isClosed()) {
                negotiation.onRemoteDescription(RTCSessionDescription.offer(offer.get().sdp()));
            }
        }, signaling);
    }

    private static Throwable cause(Throwable t) {
        return t instanceof java.util.concurrent.CompletionException && t.getCause() != null ? t.getCause() : t;
    }

    private void attach(MediaStreamTrack track) {
        if (track.kind().token().equals("video") && attached.add(track.id())) {
            track.addSink((VideoSink) frame -> frames.computeIfAbsent(frame.width() + "x" + frame.height(),
                    k -> new AtomicLong()).incrementAndGet());
        }
    }

    /** m-lines of the last remote or local description (whichever is current). */
    int mLines() {
        RTCSessionDescription d = pc.remoteDescription();
        return d == null ? 0 : (int) d.sdp().lines().filter(l -> l.startsWith("m=")).count();
    }

    @Override
    public void close() {
        signaling.shutdownNow();
    }
}
