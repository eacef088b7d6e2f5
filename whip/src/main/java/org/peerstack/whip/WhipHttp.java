package org.peerstack.whip;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** The HTTP side shared by {@link WhipClient} and {@link WhepClient}: one request at a time, bounded. */
final class WhipHttp {

    /** Longest wait for one HTTP response. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);
    static final String SDP = "application/sdp";
    static final String SDPFRAG = "application/trickle-ice-sdpfrag";

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    private WhipHttp() {
    }

    static HttpRequest.Builder request(URI uri, String bearerToken) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT);
        if (bearerToken != null && !bearerToken.isEmpty()) {
            b.header("Authorization", "Bearer " + bearerToken);
        }
        return b;
    }

    /** Sends {@code request}; completes with the response when its status is {@code expected}, else fails. */
    static CompletableFuture<HttpResponse<String>> send(HttpRequest request, int expected) {
        return CLIENT.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((response, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
                throw new WhipHttpException(0, OptionalLong.empty(), request.method() + " " + request.uri() + " failed: "
                        + (cause instanceof IOException ? cause.toString() : cause.getMessage()));
            }
            if (response.statusCode() != expected) {
                OptionalLong retry = response.headers().firstValue("Retry-After").map(v -> {
                    try {
                        return OptionalLong.of(Long.parseLong(v.trim()));
                    } catch (NumberFormatException e) {
                        return OptionalLong.empty();
                    }
                }).orElse(OptionalLong.empty());
                String body = response.body() == null ? "" : response.body().strip();
                throw new WhipHttpException(response.statusCode(), retry, request.method() + " " + request.uri()
                        + " answered " + response.statusCode() + (body.isEmpty() ? "" : ": " + abbreviate(body)));
            }
            return response;
        });
    }

    /** The session URL: the response's Location resolved against the request's URL. */
    static URI location(HttpResponse<?> response) {
        String location = response.headers().firstValue("Location").orElseThrow(() -> new WhipHttpException(
                response.statusCode(), OptionalLong.empty(), "the 201 response has no Location"));
        return response.uri().resolve(location);
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }
}
