package org.peerstack.demo.exits;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a main class in a child JVM on this test's class path (same network namespace) and collects its output. */
public record ChildJvm(int exitCode, String stdout, String stderr) {

    /** Longest a child may run (seconds). */
    public static final long TIMEOUT_SECONDS = 90;

    public static ChildJvm run(Map<String, String> env, Path workDir, List<String> jvmArgs, String mainClass,
                               String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx256m"));
        command.addAll(jvmArgs);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        if (workDir != null) {
            builder.directory(workDir.toFile());
        }
        Path out = java.nio.file.Files.createTempFile("child-out-", ".txt");
        Path err = java.nio.file.Files.createTempFile("child-err-", ".txt");
        try {
            Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError(mainClass + " did not end within " + TIMEOUT_SECONDS + " s; output: "
                        + java.nio.file.Files.readString(out) + java.nio.file.Files.readString(err));
            }
            return new ChildJvm(process.exitValue(), java.nio.file.Files.readString(out, StandardCharsets.UTF_8),
                    java.nio.file.Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            java.nio.file.Files.deleteIfExists(out);
            java.nio.file.Files.deleteIfExists(err);
        }
    }

    public static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Both streams, for assertion messages. */
    public String all() {
        return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
    }
}
