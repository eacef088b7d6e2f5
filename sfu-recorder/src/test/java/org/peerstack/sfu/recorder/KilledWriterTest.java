package org.peerstack.sfu.recorder;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recording whose process is killed (SIGKILL, no trailer, no close) mid-way: a child JVM records a real
 * publisher (VP8 + Opus into WebM) until the parent kills it; the file left behind must probe and decode
 * without an error.
 */
class KilledWriterTest {

    @TempDir
    Path dir;

    @Test
    void fileOfAKilledWriterDecodes() throws Exception {
        Path file = dir.resolve("killed.webm");
        String java = System.getenv().getOrDefault("PEERSTACK_REAL_JAVA", ProcessHandle.current().info().command().orElse("java"));
        List<String> command = new java.util.ArrayList<>(List.of(java, "-Xmx256m"));
        String configDir = System.getProperty("peerstack.config.dir");
        if (configDir != null) {
            command.add("-Dpeerstack.config.dir=" + configDir);
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), RecordUntilKilled.class.getName(), file.toString()));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
            // past a few clusters, then kill at a moment that is not a cluster boundary
            while ((!Files.exists(file) || Files.size(file) < 300_000) && System.nanoTime() < deadline && child.isAlive()) {
                Thread.sleep(50);
            }
            Thread.sleep(370);
            assertThat(child.isAlive()).as("child still recording; its log:\n%s", Files.readString(dir.resolve("child.log"))).isTrue();
        } finally {
            child.destroyForcibly(); // SIGKILL
            child.waitFor(10, TimeUnit.SECONDS);
        }
        List<Probe.Stream> streams = Probe.streams(file);
        System.out.println("KilledWriterTest: " + Files.size(file) + " bytes, " + streams);
        assertThat(streams).extracting(Probe.Stream::codec).containsExactlyInAnyOrder("vp8", "opus");
        assertThat(streams.stream().filter(s -> s.type().equals("video")).findFirst().orElseThrow().packets()).isGreaterThan(30);
        assertThat(Probe.decodeErrors(file)).as("ffmpeg -xerror decode").isEmpty();
    }
}
