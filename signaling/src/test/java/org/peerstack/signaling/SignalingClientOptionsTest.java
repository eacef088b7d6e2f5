package org.peerstack.signaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SignalingClientOptionsTest {

    @Test
    void defaultsAreTheDocumentedConstants() {
        SignalingClientOptions options = SignalingClientOptions.newBuilder(URI.create("ws://127.0.0.1:1/s")).build();
        assertThat(options.connectTimeout()).isEqualTo(SignalingClientOptions.DEFAULT_CONNECT_TIMEOUT);
        assertThat(options.keepaliveInterval()).isEqualTo(SignalingClientOptions.DEFAULT_KEEPALIVE_INTERVAL);
        assertThat(options.reconnect()).isTrue();
        assertThat(options.isSecure()).isFalse();
        assertThat(options.toBuilder().reconnect(false).build().reconnect()).isFalse();
    }

    @Test
    void nonWebSocketUrisAndNonPositiveDurationsAreRefused() {
        assertThatThrownBy(() -> SignalingClientOptions.newBuilder(URI.create("http://x/")).build())
                .hasMessageContaining("ws://");
        assertThatThrownBy(() -> SignalingClientOptions.newBuilder(URI.create("ws://x/"))
                .requestTimeout(Duration.ZERO).build()).hasMessageContaining("requestTimeout");
        assertThatThrownBy(() -> SignalingClientOptions.newBuilder(URI.create("ws://x/"))
                .reconnectDelays(Duration.ofSeconds(2), Duration.ofSeconds(1)).build())
                .hasMessageContaining("reconnectMaxDelay");
    }

    @Test
    void anUpperCaseWssSchemeStillMeansTls() {
        // The builder accepts the scheme in any case (RFC 3986); a "WSS://" URI once passed validation
        // and then connected without TLS.
        assertThat(SignalingClientOptions.newBuilder(URI.create("WSS://example.org/s")).build().isSecure()).isTrue();
        assertThat(SignalingClientOptions.newBuilder(URI.create("wss://example.org/s")).build().isSecure()).isTrue();
        assertThat(SignalingClientOptions.newBuilder(URI.create("Ws://example.org/s")).build().isSecure()).isFalse();
    }
}
