package org.peerstack.demo.exits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Programs end quietly: no {@code VM attach current thread failed} / {@code Failed to attach thread}
 * after their last line. The message comes from webrtc-java's static class cache, destroyed after the
 * JVM ends (see {@code QuietExit} in core); the control case shows it is really there without peerstack.
 */
@Timeout(300)
class CleanExitTest {

    private static final List<String> NOISE = List.of("attach current thread", "Failed to attach thread");

    @Test
    void loadingWebrtcJavaAloneLeavesTheMessageAtExit() throws Exception {
        ChildJvm bare = ChildJvm.run(Map.of(), null, List.of(), LoadOnlyProgram.class.getName());
        assertThat(bare.exitCode()).as(bare.all()).isZero();
        assertThat(bare.stdout()).as("upstream webrtc-java 0.14 prints this at exit; if it no longer does, "
                + "QuietExit can go").contains("VM attach current thread failed");
    }

    @Test
    void theReadmeSnippetAsAProgramEndsByItselfQuietly() throws Exception {
        ChildJvm run = ChildJvm.run(Map.of(), null, List.of("-Dpeerstack.media.fake-devices=true"),
                ReadmeSnippetProgram.class.getName());
        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.stdout()).as(run.all()).contains("SDP lines").endsWith("main returns\n");
        assertNoNoise(run);
    }

    @Test
    void theSmokeCommandEndsWithItsResultLine() throws Exception {
        ChildJvm run = ChildJvm.run(Map.of(), null, List.of(), "org.peerstack.demo.cli.DemoCli", "smoke", "2");
        assertThat(run.stdout()).as(run.all()).contains("RESULT: ");
        assertThat(run.stdout().strip().lines().reduce((a, b) -> b).orElse("")).as(run.all()).startsWith("RESULT: ");
        assertNoNoise(run);
    }

    private static void assertNoNoise(ChildJvm run) {
        for (String noise : NOISE) {
            assertThat(run.stdout() + run.stderr()).as(run.all()).doesNotContain(noise);
        }
    }
}
