package org.peerstack.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.peerstack.exc.OperationException;
import org.peerstack.sfu.client.RtpReceivingPeer;

/**
 * WHEP playback (draft-ietf-wish-whep, client offer) for a packet-level receiving peer
 * ({@code record --whep URL --passthrough}): POSTs the peer's recvonly offer (one audio, one video
 * section) as {@code application/sdp}, applies the {@code 201}'s answer, and DELETEs the session URL
 * (the {@code Location}) at {@link #close()}. While nothing is published ({@code 409}) it POSTs again
 * after each {@code Retry-After}, for at most {@link #WAIT_FOR_PUBLISHER}. Redirects ({@code 307} to the node that owns the stream)
 * are followed with the method and body kept.
 */
public final class WhepPassthroughSession implements AutoCloseable {

    /** Longest time a POST answered 409 (nothing published yet) is repeated, after each Retry-After (draft-ietf-wish-whep). */
    public static final Duration WAIT_FOR_PUBLISHER = Duration.ofSeconds(30);
    /** Wait between two POSTs when a 409 has no usable Retry-After, and the longest one honoured. */
    public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);
    public static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(5);
    /** Longest wait for one HTTP response. */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    private final URI session;
    private final String token;

    private WhepPassthroughSession(URI session, String token) {
        this.session = session;
        this.token = token;
    }

    /**
     * Offers to {@code endpoint} and applies the answer to {@code peer}.
     *
     * @param token Bearer token, or null
     * @throws OperationException "whep-error" when the endpoint refuses (its status and body in the message) or
     *         cannot be reached
     */
    public static WhepPassthroughSession play(RtpReceivingPeer peer, URI endpoint, String token) throws InterruptedException {
        try {
            String offer = peer.createOffer(1, 1).get(REQUEST_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            HttpRequest.Builder post = request(endpoint, token).header("Content-Type", "application/sdp")
                    .POST(HttpRequest.BodyPublishers.ofString(offer));
            HttpResponse<String> response = CLIENT.send(post.build(), HttpResponse.BodyHandlers.ofString());
            long giveUp = System.nanoTime() + WAIT_FOR_PUBLISHER.toNanos();
            while (response.statusCode() == 409 && System.nanoTime() < giveUp) {
                Thread.sleep(retryAfter(response).toMillis());
                response = CLIENT.send(post.build(), HttpResponse.BodyHandlers.ofString());
            }
            if (response.statusCode() != 201) {
                String body = response.body() == null ? "" : response.body().strip();
                throw new OperationException("whep-error", "POST " + endpoint + " answered " + response.statusCode()
                        + (body.isEmpty() ? "" : ": " + (body.length() > 300 ? body.substring(0, 300) + "..." : body)));
            }
            String location = response.headers().firstValue("Location")
                    .orElseThrow(() -> new OperationException("whep-error", "the 201 from " + endpoint + " has no Location"));
            URI session = response.uri().resolve(location);
            peer.setAnswer(response.body()).get(REQUEST_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            return new WhepPassthroughSession(session, token);
        } catch (IOException e) {
            throw new OperationException("whep-error", "POST " + endpoint + " failed: " + e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new OperationException("whep-error", "cannot play " + endpoint + ": " + e.getCause().getMessage());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new OperationException("whep-error", "cannot play " + endpoint + ": timed out");
        }
    }

    private static Duration retryAfter(HttpResponse<?> response) {
        try {
            long seconds = Long.parseLong(response.headers().firstValue("Retry-After").orElse("").trim());
            return Duration.ofSeconds(Math.max(1, Math.min(seconds, MAX_RETRY_AFTER.toSeconds())));
        } catch (NumberFormatException e) {
            return DEFAULT_RETRY_AFTER;
        }
    }

    private static HttpRequest.Builder request(URI uri, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT);
        if (token != null && !token.isEmpty()) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    /** The session URL (the 201's Location, after any redirect). */
    public URI session() {
        return session;
    }

    /** DELETEs the session (best effort, bounded). */
    @Override
    public void close() {
        try {
            CLIENT.send(request(session, token).DELETE().build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            // the server may be gone: the session times out there
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
