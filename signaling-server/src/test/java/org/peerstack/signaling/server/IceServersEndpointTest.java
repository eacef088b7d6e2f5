package org.peerstack.signaling.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.peerstack.exc.ConfigException;

/** {@code GET /ice-servers}: the configured STUN/TURN servers as the JSON a page hands to RTCPeerConnection. */
class IceServersEndpointTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20)).build();

    private static HttpResponse<String> get(SignalingServer server, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(server.httpUri().resolve(path)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void noneConfiguredIsAnEmptyList() throws Exception {
        try (SignalingServer server = TestServers.start(Map.of())) {
            HttpResponse<String> response = get(server, "/ice-servers");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
            assertThat(response.body()).isEqualTo("{\"iceServers\":[]}");
        }
    }

    @Test
    void configuredServersAreServedWithTheirCredentials() throws Exception {
        try (SignalingServer server = TestServers.start(Map.of("http.ice-servers",
                "[{urls: [stun:stun.example.org:3478]}, {urls: [turn:turn.example.org:3478, turns:turn.example.org:5349],"
                        + " username: demo, credential: pw}]"))) {
            assertThat(get(server, "/ice-servers?x=1").body()).isEqualTo("{\"iceServers\":["
                    + "{\"urls\":[\"stun:stun.example.org:3478\"]},"
                    + "{\"urls\":[\"turn:turn.example.org:3478\",\"turns:turn.example.org:5349\"],"
                    + "\"username\":\"demo\",\"credential\":\"pw\"}]}");
            assertThat(get(server, "/healthz").body()).isEqualTo("ok\n");
            assertThat(server.config().http().iceServers().get(1).toString()).doesNotContain("pw");
        }
    }

    @Test
    void anEntryThatIsNotAStunOrTurnUrlIsAConfigError() {
        assertThatThrownBy(() -> SignalingServerConfig.of(Map.of("http.ice-servers", "[{urls: [http://x]}]")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'http://x' is not a stun:, turn: or turns: URL");
        assertThatThrownBy(() -> SignalingServerConfig.of(Map.of("http.ice-servers", "[{username: u}]")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("needs urls");
    }
}
