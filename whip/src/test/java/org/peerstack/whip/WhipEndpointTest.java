package org.peerstack.whip;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.peerstack.rtc.RTCPeerConnection;

/** The WHIP/WHEP HTTP contract (RFC 9725, draft-ietf-wish-whep) against a real server and a real offer. */
class WhipEndpointTest {

    @RegisterExtension
    static final WhipServer whip = new WhipServer();

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(WhipServer.TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder post(URI uri, String token, String type, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(body));
        if (type != null) {
            b.header("Content-Type", type);
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    /** A libwebrtc offer of the fake camera and microphone. */
    private String offer() throws Exception {
        RTCPeerConnection pc = whip.cameraAndMicrophone();
        pc.setLocalDescription().get(10, TimeUnit.SECONDS);
        return pc.localDescription().sdp();
    }

    @Test
    void optionsAnswersThePreflightWithoutAToken() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(whip.whip("show"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "https://player.example"));
        assertThat(r.statusCode()).isEqualTo(204);
        assertThat(r.headers().firstValue("Accept-Post")).contains("application/sdp");
        assertThat(r.headers().firstValue("Access-Control-Allow-Methods").orElse("")).contains("POST", "OPTIONS");
        assertThat(r.headers().firstValue("Access-Control-Allow-Headers").orElse("")).contains("Authorization", "Content-Type", "If-Match");
        assertThat(r.headers().firstValue("Access-Control-Expose-Headers").orElse("")).contains("Location", "ETag", "Link");
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).contains("https://player.example");
        assertThat(r.headers().allValues("Link")).containsExactly("<" + WhipServer.STUN + ">; rel=\"ice-server\"");
    }

    @Test
    void refusesWhatItCannotTake() throws Exception {
        String token = WhipServer.token("refusals");
        URI endpoint = whip.whip("refusals");
        HttpResponse<String> noToken = send(post(endpoint, null, "application/sdp", offer()));
        assertThat(noToken.statusCode()).isEqualTo(401);
        assertThat(noToken.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Bearer");
        assertThat(send(post(endpoint, "not.a.token", "application/sdp", offer())).statusCode()).isEqualTo(401);
        assertThat(send(post(endpoint, WhipServer.token("another-stream"), "application/sdp", offer())).statusCode())
                .as("a token for another stream").isEqualTo(401);
        assertThat(send(post(endpoint, token, "text/plain", offer())).statusCode()).isEqualTo(415);
        assertThat(send(post(endpoint, token, "application/sdp", "hello")).statusCode()).isEqualTo(400);
        assertThat(send(post(endpoint, token, "application/sdp", "v=0\r\nthis is not sdp\r\n")).statusCode()).isEqualTo(400);
        String dataOnly = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0\r\n"
                + "a=fingerprint:sha-256 " + "AB:".repeat(31) + "AB\r\n"
                + "m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\nc=IN IP4 0.0.0.0\r\na=mid:0\r\n"
                + "a=ice-ufrag:abcd\r\na=ice-pwd:abcdefghijklmnopqrstuvwx\r\na=setup:actpass\r\na=sctp-port:5000\r\n";
        HttpResponse<String> unacceptable = send(post(endpoint, token, "application/sdp", dataOnly));
        assertThat(unacceptable.statusCode()).as(unacceptable.body()).isEqualTo(422);
        assertThat(send(HttpRequest.newBuilder(endpoint).header("Authorization", "Bearer " + token).GET()).statusCode())
                .isEqualTo(405);
        assertThat(whip.server().whip().orElseThrow().sessionCount()).as("nothing kept from refusals").isZero();
        assertThat(whip.server().whip().orElseThrow().sfu().rooms()).as("no SFU room left by the 422")
                .noneMatch(r -> r.id().equals("refusals"));
    }

    @Test
    void aSessionPatchesAndEnds() throws Exception {
        String token = WhipServer.token("session");
        HttpResponse<String> created = send(post(whip.whip("session"), token, "application/sdp", offer()));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Content-Type")).contains("application/sdp");
        assertThat(created.body()).contains("a=candidate:", "a=end-of-candidates", "a=ice-lite");
        String etag = created.headers().firstValue("ETag").orElseThrow();
        assertThat(etag).startsWith("\"").endsWith("\"");
        assertThat(created.headers().allValues("Link")).hasSize(1);
        URI session = whip.whip("session").resolve(created.headers().firstValue("Location").orElseThrow());
        assertThat(session.getPath()).startsWith("/whip/session/");

        assertThat(send(post(whip.whip("session"), token, "application/sdp", offer())).statusCode())
                .as("a second publisher of the stream").isEqualTo(409);

        String frag = "a=ice-ufrag:EsAw\r\na=ice-pwd:P2uYro0UCOQ4zxjKXaWCBui1\r\nm=audio 9 UDP/TLS/RTP/SAVPF 0\r\na=mid:0\r\n"
                + "a=candidate:1387637174 1 udp 2122260223 192.0.2.1 61764 typ host generation 0 ufrag EsAw network-id 1\r\n";
        HttpRequest.Builder patch = HttpRequest.newBuilder(session).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/trickle-ice-sdpfrag")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(frag));
        assertThat(send(patch.copy()).statusCode()).as("no If-Match").isEqualTo(428);
        assertThat(send(patch.copy().header("If-Match", "\"stale\"")).statusCode()).isEqualTo(412);
        assertThat(send(patch.copy().header("If-Match", etag)).statusCode()).isEqualTo(204);
        HttpResponse<String> restarted = send(patch.copy().header("If-Match", "*"));
        assertThat(restarted.statusCode()).as("ICE restart: " + restarted.body()).isEqualTo(200);
        assertThat(restarted.headers().firstValue("Content-Type")).contains("application/trickle-ice-sdpfrag");
        String newEtag = restarted.headers().firstValue("ETag").orElseThrow();
        assertThat(newEtag).isNotEqualTo(etag).startsWith("\"");
        String oldUfrag = created.body().lines().filter(l -> l.startsWith("a=ice-ufrag:")).findFirst().orElseThrow();
        assertThat(restarted.body()).contains("a=ice-lite", "a=group:BUNDLE ", "a=mid:", "a=ice-ufrag:", "a=ice-pwd:",
                "a=candidate:1 1 udp", "a=end-of-candidates").doesNotContain(oldUfrag);
        assertThat(send(patch.copy().header("If-Match", etag)).statusCode()).as("the old ETag after the restart").isEqualTo(412);
        assertThat(send(patch.copy().header("If-Match", newEtag)).statusCode()).isEqualTo(204);
        assertThat(send(HttpRequest.newBuilder(session).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/trickle-ice-sdpfrag").header("If-Match", "*")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("a=end-of-candidates\r\n"))).statusCode())
                .as("a restart without credentials").isEqualTo(400);
        assertThat(send(HttpRequest.newBuilder(session).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/trickle-ice-sdpfrag").header("If-Match", "*")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("a=ice-ufrag:a b\r\na=ice-pwd:short\r\n"))).statusCode())
                .as("credentials RFC 8839 forbids").isEqualTo(400);
        assertThat(send(HttpRequest.newBuilder(session).header("Authorization", "Bearer " + token).header("If-Match", etag)
                .header("Content-Type", "application/json").method("PATCH", HttpRequest.BodyPublishers.ofString("{}")))
                .statusCode()).isEqualTo(415);

        HttpRequest.Builder delete = HttpRequest.newBuilder(session).DELETE();
        assertThat(send(delete.copy()).statusCode()).as("DELETE without a token").isEqualTo(401);
        assertThat(send(delete.copy().header("Authorization", "Bearer " + WhipServer.token("other"))).statusCode()).isEqualTo(401);
        assertThat(send(delete.copy().header("Authorization", "Bearer " + token)).statusCode()).isEqualTo(200);
        assertThat(send(delete.copy().header("Authorization", "Bearer " + token)).statusCode()).isEqualTo(404);
        assertThat(send(patch.copy().header("If-Match", newEtag)).statusCode()).isEqualTo(404);
        assertThat(whip.server().whip().orElseThrow().sfu().rooms()).as("the room went with its publisher")
                .noneMatch(r -> r.id().equals("session"));
        assertThat(send(post(whip.whip("session"), token, "application/sdp", offer())).statusCode())
                .as("the stream is free again").isEqualTo(201);
    }

    @Test
    void whepSaysConflictWithRetryAfterWhileNothingIsPublished() throws Exception {
        String token = WhipServer.token("empty");
        HttpResponse<String> r = send(post(whip.whep("empty"), token, null, ""));
        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(r.headers().firstValue("Retry-After")).contains("1");
        assertThat(send(post(whip.whep("empty"), null, null, "")).statusCode()).isEqualTo(401);
        assertThat(send(post(whip.whep("no/such/thing"), token, null, "")).statusCode()).isEqualTo(404);
    }

    /** A libwebrtc player's offer: recvonly audio and video. */
    private String playerOffer() throws Exception {
        RTCPeerConnection pc = whip.connection(false);
        pc.batch(() -> {
            pc.addTransceiver(org.peerstack.media.MediaKind.AUDIO, org.peerstack.rtc.RTCRtpTransceiverDirection.RECVONLY);
            pc.addTransceiver(org.peerstack.media.MediaKind.VIDEO, org.peerstack.rtc.RTCRtpTransceiverDirection.RECVONLY);
        });
        pc.setLocalDescription().get(10, TimeUnit.SECONDS);
        return pc.localDescription().sdp();
    }

    @Test
    void whepAnswersAPlayersOfferWith201() throws Exception {
        String stream = "client-offer";
        String token = WhipServer.token(stream);
        String playerOffer = playerOffer();
        HttpResponse<String> early = send(post(whip.whep(stream), token, "application/sdp", playerOffer));
        assertThat(early.statusCode()).as("nothing published yet").isEqualTo(409);
        assertThat(early.headers().firstValue("Retry-After")).contains("1");
        assertThat(send(post(whip.whip(stream), token, "application/sdp", offer())).statusCode()).isEqualTo(201);

        HttpResponse<String> answered = send(post(whip.whep(stream), token, "application/sdp", playerOffer));
        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(201);
        assertThat(answered.headers().firstValue("Content-Type")).contains("application/sdp");
        assertThat(answered.body()).contains("a=sendonly", "a=candidate:", "a=end-of-candidates", "a=ice-lite", "m=audio", "m=video");
        assertThat(answered.headers().firstValue("ETag").orElse("")).startsWith("\"");
        URI session = whip.whep(stream).resolve(answered.headers().firstValue("Location").orElseThrow());
        assertThat(session.getPath()).startsWith("/whep/" + stream + "/");
        assertThat(send(HttpRequest.newBuilder(session).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/sdp").header("If-Match", answered.headers().firstValue("ETag").orElseThrow())
                .method("PATCH", HttpRequest.BodyPublishers.ofString(playerOffer))).statusCode())
                .as("no SDP answer to PATCH in the client-offer flow").isEqualTo(415);

        assertThat(send(post(whip.whep(stream), token, "text/plain", playerOffer)).statusCode()).isEqualTo(415);
        assertThat(send(post(whip.whep(stream), token, "application/sdp", "hello")).statusCode()).isEqualTo(400);
        HttpResponse<String> sendOnly = send(post(whip.whep(stream), token, "application/sdp",
                playerOffer.replace("a=recvonly", "a=sendonly")));
        assertThat(sendOnly.statusCode()).as(sendOnly.body()).isEqualTo(422);
        assertThat(send(HttpRequest.newBuilder(session).header("Authorization", "Bearer " + token).DELETE()).statusCode())
                .isEqualTo(200);
    }

    @Test
    void aSessionWhoseClientNeverConnectsIsEnded() throws Exception {
        String token = WhipServer.token("never");
        HttpResponse<String> created = send(post(whip.whip("never"), token, "application/sdp", offer()));
        assertThat(created.statusCode()).isEqualTo(201);
        URI session = whip.whip("never").resolve(created.headers().firstValue("Location").orElseThrow());
        Thread.sleep(WhipServer.CONNECT_TIMEOUT_MS + 1_000);
        assertThat(send(HttpRequest.newBuilder(session).header("Authorization", "Bearer " + token).DELETE()).statusCode())
                .as("ended after sfu.connect-timeout-ms").isEqualTo(404);
        assertThat(send(post(whip.whip("never"), token, "application/sdp", offer())).statusCode())
                .as("the stream is free again").isEqualTo(201);
    }
}
