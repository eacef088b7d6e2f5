package org.peerstack.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.peerstack.demo.exits.ChildJvm;

/**
 * What a user sees when something is wrong: one line on standard error, no stack trace, exit status 2;
 * and help texts that read as they should.
 */
@Timeout(300)
class CliErrorsTest {

    private static ChildJvm cli(Map<String, String> env, String... args) throws Exception {
        return ChildJvm.run(env, null, List.of(), "org.peerstack.demo.cli.DemoCli", args);
    }

    private static void assertOneLineError(ChildJvm run, String... expected) {
        assertThat(run.exitCode()).as(run.all()).isEqualTo(2);
        assertThat(run.stdout()).as(run.all()).isEmpty();
        assertThat(run.stderr().lines().toList()).as(run.all()).hasSize(1);
        assertThat(run.stderr()).as(run.all()).contains(expected).doesNotContain("Exception", "\tat ");
    }

    @Test
    void anUnknownWordListsTheCommands() throws Exception {
        assertOneLineError(cli(Map.of(), "nosuch"), "'nosuch' is not a command",
                "call, serve, echo, record, play, chat, smoke");
    }

    @Test
    void aServerUriThatIsNotWebSocketIsRefusedBeforeAnythingStarts() throws Exception {
        assertOneLineError(cli(Map.of(), "echo", "--server", "http://127.0.0.1:8080/signaling"),
                "'http://127.0.0.1:8080/signaling' is not a WebSocket URI", "ws://HOST:PORT/signaling");
    }

    @Test
    void aBadConfigurationValueInSmokeIsOneLineWithTheYamlSpelling() throws Exception {
        assertOneLineError(cli(Map.of("PEERSTACK_WEBRTC_AUDIO_MODE", "bogus"), "smoke", "1"),
                "invalid configuration at 'webrtc.audio-mode': 'bogus' is not one of: dummy, headless");
    }

    @Test
    void aBadMaxResolutionIsRefusedBeforeJoining() throws Exception {
        // no server at this address: the value is checked before anything connects
        assertOneLineError(cli(Map.of(), "chat", "--sfu", "--max-resolution", "320by180", "--server", "ws://127.0.0.1:9/signaling"),
                "--max-resolution wants WxH with sizes of 1 to 16384, e.g. 320x180; got '320by180'");
    }

    @Test
    void servingOnAPortInUseNamesThePort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            assertOneLineError(cli(Map.of(), "serve", "--port", Integer.toString(taken.getLocalPort())),
                    "port " + taken.getLocalPort() + " on 127.0.0.1 is already in use", "--port");
        }
    }

    @Test
    void helpShowsTheBareCallFormNumbersAndWholeUrls() throws Exception {
        ChildJvm top = cli(Map.of(), "--help");
        assertThat(top.exitCode()).isZero();
        assertThat(top.stdout()).contains("Usage: ./run-demo [SECONDS] [--output DIR]", "serve", "smoke");

        ChildJvm record = cli(Map.of(), "record", "--help");
        assertThat(record.stdout()).as(record.all())
                .contains("(default: ws://127.0.0.1:8080/signaling)")
                .containsPattern("--video-bps=BITS_PER_SECOND\\s+video bit rate of the recordings\\s+\\(default: 2500000,");
    }
}
