package org.peerstack.whip;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.peerstack.media.MediaKind;
import org.peerstack.rtc.RTCPeerConnection;
import org.peerstack.rtc.RTCRtpTransceiverDirection;
import org.peerstack.rtc.RTCSignalingState;
import org.peerstack.rtc.RTCSessionDescription;

/**
 * Plays a WHEP stream (draft-ietf-wish-whep) into an {@link RTCPeerConnection}. In the default
 * {@link Flow#CLIENT_OFFER} flow of the draft, the connection offers (recvonly audio and video
 * transceivers are added when it has none), the offer is POSTed as {@code application/sdp} and the
 * 201's answer applied. {@link Flow#SERVER_OFFER} (early drafts; peerstack's server serves both): an
 * empty {@code POST} gets the server's offer in a 201, the connection's answer is PATCHed to the
 * Location. The remote tracks arrive through the connection's {@code track} event. {@link #close()}
 * DELETEs the session; the caller owns (and closes) the connection.
 */
public final class WhepClient implements AutoCloseable {

    /** Who makes the SDP offer. */
    public enum Flow {
        /** The player offers (draft-ietf-wish-whep): POST the offer, get the answer in the 201. */
        CLIENT_OFFER,
        /** The server offers: POST an empty body, get the offer in the 201, PATCH the answer. */
        SERVER_OFFER
    }

    private final URI session;
    private final String bearerToken;
    private final Flow flow;
    private volatile String etag;
    private volatile boolean closed;

    private WhepClient(URI session, String bearerToken, Flow flow, String etag) {
        this.session = session;
        this.bearerToken = bearerToken;
        this.flow = flow;
        this.etag = etag;
    }

    /** {@link #play(RTCPeerConnection, URI, String, Flow)} in the {@link Flow#CLIENT_OFFER} flow. */
    public static CompletableFuture<WhepClient> play(RTCPeerConnection pc, URI endpoint, String bearerToken) {
        return play(pc, endpoint, bearerToken, Flow.CLIENT_OFFER);
    }

    /**
     * Starts playing {@code endpoint} on {@code pc} (a connection with no tracks of its own).
     *
     * @param bearerToken the endpoint's Bearer token (peerstack: a room token for the stream), or null
     * @return completes once the answer is applied; fails with {@link WhipHttpException}, e.g. status 409
     *         and a Retry-After while nothing is published
     */
    public static CompletableFuture<WhepClient> play(RTCPeerConnection pc, URI endpoint, String bearerToken, Flow flow) {
        Objects.requireNonNull(pc, "pc");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(flow, "flow");
        return flow == Flow.CLIENT_OFFER ? clientOffer(pc, endpoint, bearerToken) : serverOffer(pc, endpoint, bearerToken);
    }

    private static CompletableFuture<WhepClient> clientOffer(RTCPeerConnection pc, URI endpoint, String bearerToken) {
        if (pc.getTransceivers().isEmpty()) {
            pc.batch(() -> {
                pc.addTransceiver(MediaKind.AUDIO, RTCRtpTransceiverDirection.RECVONLY);
                pc.addTransceiver(MediaKind.VIDEO, RTCRtpTransceiverDirection.RECVONLY);
            });
        }
        // a player polling on 409 keeps its offer: the next POST sends it again
        CompletableFuture<Void> offered = pc.signalingState() == RTCSignalingState.HAVE_LOCAL_OFFER
                ? CompletableFuture.completedFuture(null) : pc.setLocalDescription();
        return offered
                .thenCompose(v -> WhipClient.gathered(pc))
                .thenCompose(v -> WhipHttp.send(WhipHttp.request(endpoint, bearerToken)
                        .header("Content-Type", WhipHttp.SDP)
                        .POST(HttpRequest.BodyPublishers.ofString(pc.localDescription().sdp())).build(), 201))
                .thenCompose(response -> {
                    URI session = WhipHttp.location(response);
                    return pc.setRemoteDescription(RTCSessionDescription.answer(response.body()))
                            .handle((ok, failure) -> {
                                if (failure != null) {
                                    WhipClient.delete(session, bearerToken);
                                    throw failure instanceof RuntimeException r ? r : new java.util.concurrent.CompletionException(failure);
                                }
                                return new WhepClient(session, bearerToken, Flow.CLIENT_OFFER,
                                        response.headers().firstValue("ETag").orElse(null));
                            });
                });
    }

    private static CompletableFuture<WhepClient> serverOffer(RTCPeerConnection pc, URI endpoint, String bearerToken) {
        return WhipHttp.send(WhipHttp.request(endpoint, bearerToken).POST(HttpRequest.BodyPublishers.noBody()).build(), 201)
                .thenCompose(response -> {
                    URI session = WhipHttp.location(response);
                    String etag = response.headers().firstValue("ETag").orElse(null);
                    return pc.setRemoteDescription(RTCSessionDescription.offer(response.body()))
                            .thenCompose(v -> pc.setLocalDescription())
                            .thenCompose(v -> {
                                HttpRequest.Builder patch = WhipHttp.request(session, bearerToken)
                                        .header("Content-Type", WhipHttp.SDP)
                                        .method("PATCH", HttpRequest.BodyPublishers.ofString(pc.localDescription().sdp()));
                                if (etag != null) {
                                    patch.header("If-Match", etag);
                                }
                                return WhipHttp.send(patch.build(), 204);
                            })
                            .handle((ok, failure) -> {
                                if (failure != null) {
                                    WhipClient.delete(session, bearerToken);
                                    throw failure instanceof RuntimeException r ? r : new java.util.concurrent.CompletionException(failure);
                                }
                                return new WhepClient(session, bearerToken, Flow.SERVER_OFFER, etag);
                            });
                });
    }

    /** The session's URL (the 201's Location). */
    public URI session() {
        return session;
    }

    /** The session's entity tag (new after an ICE restart), or null when the server sent none. */
    public String etag() {
        return etag;
    }

    /**
     * Restarts ICE (RFC 9725 §4.3.2) in the {@link Flow#CLIENT_OFFER} flow, as
     * {@link WhipClient#restartIce}. Fails with {@link org.peerstack.exc.InvalidStateException} in the
     * server-offer flow (the player is the answerer there and cannot make the new offer).
     *
     * @param pc the connection this session was made with
     */
    public CompletableFuture<Void> restartIce(RTCPeerConnection pc) {
        Objects.requireNonNull(pc, "pc");
        if (flow != Flow.CLIENT_OFFER) {
            return CompletableFuture.failedFuture(new org.peerstack.exc.InvalidStateException(
                    "ICE restart needs the client-offer flow: the player makes the new offer"));
        }
        return IceRestart.run(pc, session, bearerToken).thenAccept(newEtag -> etag = newEtag);
    }

    /** Ends the session: DELETE (bounded by the request timeout); idempotent. Leaves the connection open. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        WhipClient.delete(session, bearerToken);
    }
}
