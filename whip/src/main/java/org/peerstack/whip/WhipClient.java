package org.peerstack.whip;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.peerstack.rtc.RTCIceGatheringState;
import org.peerstack.rtc.RTCPeerConnection;
import org.peerstack.rtc.RTCSessionDescription;

/**
 * Publishes an {@link RTCPeerConnection}'s tracks to a WHIP endpoint (RFC 9725): the connection's offer
 * (with the candidates gathered within {@link #GATHERING_TIMEOUT_MILLIS}) is POSTed as
 * {@code application/sdp}, the 201's answer applied. {@link #close()} DELETEs the session; the caller
 * owns (and closes) the connection.
 *
 * <pre>{@code
 * pc.addTrack(camera, stream);
 * try (WhipClient whip = WhipClient.publish(pc, URI.create("http://host:8080/whip/show"), token).get()) {
 *     ...
 * }
 * }</pre>
 */
public final class WhipClient implements AutoCloseable {

    /** Longest wait for ICE gathering before the offer is sent with what has been gathered. */
    public static final long GATHERING_TIMEOUT_MILLIS = 2_000;

    private final URI session;
    private volatile String etag;
    private final String bearerToken;
    private volatile boolean closed;

    private WhipClient(URI session, String etag, String bearerToken) {
        this.session = session;
        this.etag = etag;
        this.bearerToken = bearerToken;
    }

    /**
     * Offers {@code pc}'s tracks to {@code endpoint} and applies the answer.
     *
     * @param bearerToken the endpoint's Bearer token (peerstack: a room token for the stream), or null
     * @return completes once the answer is applied (the connection then connects by itself); fails with
     *         {@link WhipHttpException} for a refusal
     */
    public static CompletableFuture<WhipClient> publish(RTCPeerConnection pc, URI endpoint, String bearerToken) {
        Objects.requireNonNull(pc, "pc");
        Objects.requireNonNull(endpoint, "endpoint");
        return pc.setLocalDescription()
                .thenCompose(v -> gathered(pc))
                .thenCompose(v -> WhipHttp.send(WhipHttp.request(endpoint, bearerToken)
                        .header("Content-Type", WhipHttp.SDP)
                        .POST(HttpRequest.BodyPublishers.ofString(pc.localDescription().sdp())).build(), 201))
                .thenCompose(response -> pc.setRemoteDescription(RTCSessionDescription.answer(response.body()))
                        .thenApply(v -> new WhipClient(WhipHttp.location(response),
                                response.headers().firstValue("ETag").orElse(null), bearerToken)));
    }

    /** Completes when {@code pc} has gathered its candidates, or after {@link #GATHERING_TIMEOUT_MILLIS}. */
    static CompletableFuture<Void> gathered(RTCPeerConnection pc) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        pc.addEventListener(RTCPeerConnection.ICE_GATHERING_STATE_CHANGE, e -> {
            if (pc.iceGatheringState() == RTCIceGatheringState.COMPLETE) {
                done.complete(null);
            }
        });
        if (pc.iceGatheringState() == RTCIceGatheringState.COMPLETE) {
            done.complete(null);
        }
        return done.completeOnTimeout(null, GATHERING_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** The session's URL (the 201's Location). */
    public URI session() {
        return session;
    }

    /** The session's entity tag, or null when the server sent none. */
    public String etag() {
        return etag;
    }

    /**
     * Restarts ICE (RFC 9725 §4.3.2): {@code pc.restartIce()}, a new offer applied locally, its credentials
     * PATCHed with {@code If-Match: "*"}, the server's new ones applied; DTLS and SRTP stay and media
     * continues once the new checks succeed. {@link #etag()} is the new ETag afterwards.
     *
     * @param pc the connection this session was made with
     */
    public CompletableFuture<Void> restartIce(RTCPeerConnection pc) {
        Objects.requireNonNull(pc, "pc");
        return IceRestart.run(pc, session, bearerToken).thenAccept(newEtag -> etag = newEtag);
    }

    /** Ends the session: DELETE (bounded by the request timeout); idempotent. Leaves the connection open. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        delete(session, bearerToken);
    }

    static void delete(URI session, String bearerToken) {
        try {
            WhipHttp.send(WhipHttp.request(session, bearerToken).DELETE().build(), 200).join();
        } catch (RuntimeException e) {
            // the session is gone either way once the connection closes (DTLS close_notify / consent)
        }
    }
}
