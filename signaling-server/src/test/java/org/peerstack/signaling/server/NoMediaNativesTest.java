package org.peerstack.signaling.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The server runs without media natives: webrtc-java and bytedeco are not on its classpath. */
class NoMediaNativesTest {

    @Test
    void webrtcJavaIsNotLoadableFromTheServerClasspath() {
        assertThatThrownBy(() -> Class.forName("dev.onvoid.webrtc.PeerConnectionFactory"))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void noBytedecoArtifactIsOnTheServerClasspath() {
        assertThat(System.getProperty("java.class.path")).doesNotContain("org/bytedeco", "bytedeco",
                "webrtc-java");
    }

    @Test
    void theSignalingClassesFromCoreLoadWithoutThem() throws Exception {
        assertThat(Class.forName("org.peerstack.signaling.SignalingClient")).isNotNull();
        assertThat(Class.forName("org.peerstack.config.ConfigLoader")).isNotNull();
    }
}
