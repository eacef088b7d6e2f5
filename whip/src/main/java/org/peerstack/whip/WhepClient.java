package org.peerstack.whip;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.peerstack.rtc.RTCPeerConnection;
import org.peerstack.rtc.RTCSessionDescription;

/**
 * Plays a WHEP stream (draft-ietf-wish-whep) into an {@link RTCPeerConnection}, in the server-offer
 * flow peerstack's server uses: an empty {@code POST} gets the server's offer in a 201
 * ({@code application/sdp}, Location, ETag); the connection's answer is PATCHed to the Location as
 * {@code application/sdp}. The remote tracks arrive through the connection's {@code track} event.
 * {@link #close()} DELETEs the session; the caller owns (and closes) the connection.
 */
public final class WhepClient implements AutoCloseable {

    private final URI session;
    private final String bearerToken;
    private volatile boolean closed;

    private WhepClient(URI session, String bearerToken) {
        this.session = session;
        this.bearerToken = bearerToken;
    }

    /**
     * Starts playing {@code endpoint} on {@code pc} (a connection with no tracks of its own).
     *
     * @return completes once the answer is accepted; fails with {@link WhipHttpException}, e.g. status 409
     *         and a Retry-After while nothing is published
     */
    public static CompletableFuture<WhepClient> play(RTCPeerConnection pc, URI endpoint, String bearerToken) {
        Objects.requireNonNull(pc, "pc");
        Objects.requireNonNull(endpoint, "endpoint");
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
                                return new WhepClient(session, bearerToken);
                            });
                });
    }

    /** The session's URL (the 201's Location). */
    public URI session() {
        return session;
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
