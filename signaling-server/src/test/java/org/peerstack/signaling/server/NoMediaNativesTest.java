package org.peerstack.signaling.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The server runs without media natives: webrtc-java is not on its classpath, FFmpeg only as a provided dependency. */
class NoMediaNativesTest {

    @Test
    void webrtcJavaIsNotLoadableFromTheServerClasspath() {
        assertThatThrownBy(() -> Class.forName("dev.onvoid.webrtc.PeerConnectionFactory"))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void webrtcJavaIsNotOnTheServerClasspath() {
        assertThat(System.getProperty("java.class.path")).doesNotContain("webrtc-java");
    }

    /**
     * FFmpeg (org.bytedeco) is on the test classpath only through peerstack-sfu-recorder, a provided
     * dependency (recording.rooms) that the server jar leaves out: the POM must keep it so.
     */
    @Test
    void ffmpegComesOnlyThroughTheProvidedRecorder() throws Exception {
        String pom = java.nio.file.Files.readString(java.nio.file.Path.of("pom.xml"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<dependency>(.*?)</dependency>",
                java.util.regex.Pattern.DOTALL).matcher(pom);
        int recorder = 0;
        while (m.find()) {
            String dep = m.group(1);
            assertThat(dep).doesNotContain("org.bytedeco").doesNotContain("webrtc-java");
            if (dep.contains("<artifactId>peerstack-sfu-recorder</artifactId>")) {
                assertThat(dep).contains("<scope>provided</scope>");
                recorder++;
            }
        }
        assertThat(recorder).isEqualTo(1);
    }

    @Test
    void theSignalingClassesFromCoreLoadWithoutThem() throws Exception {
        assertThat(Class.forName("org.peerstack.signaling.SignalingClient")).isNotNull();
        assertThat(Class.forName("org.peerstack.config.ConfigLoader")).isNotNull();
    }
}
