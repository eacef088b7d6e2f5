package org.peerstack.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A long-running {@code DemoCli} command (a bot, the server) in a child JVM on this test's class path and
 * in its network namespace, with standard error merged into standard output, and its output collected
 * line by line while it runs. The test ends the process ({@code destroyForcibly()}) when done; for a
 * command that runs to its end, use {@code exits.ChildJvm}.
 */
final class CliProcess {

    private CliProcess() {
    }

    /** Starts {@code DemoCli} with {@code args} (heap capped at 256 MiB), the same java as this JVM's. */
    static Process cli(String... args) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-cp",
                System.getProperty("java.class.path"), "org.peerstack.demo.cli.DemoCli"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    /**
     * The process's output lines, filled by a daemon thread as they come (a read failure becomes a line);
     * safe to read from any thread.
     */
    static List<String> collect(Process process) {
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("read failed: " + e);
            }
        }, "cli-output");
        reader.setDaemon(true);
        reader.start();
        return lines;
    }
}
